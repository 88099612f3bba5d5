package dev.chronoscope.engine.profiling;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CollectiveProfilerTest {
    @TempDir Path dir;

    private static CollectiveProfiler parsed(String... args) {
        CollectiveProfiler p = new CollectiveProfiler();
        new CommandLine(p).parseArgs(args);
        return p;
    }

    @Test
    void thePlanCoversEverySizeAndRankCount() {
        // (all_reduce, all_gather) × 2 rank counts × 4 sizes + send_recv × 4 sizes
        assertThat(parsed().plan()).hasSize(2 * 2 * 4 + 4);
        assertThat(parsed("--ops", "send_recv", "--bytes", "4096,8192").plan())
                .extracting(ProfileCase::features).containsExactly(
                        java.util.Map.of("size", 4096L, "num_workers", 2L, "devices_per_node", 2L),
                        java.util.Map.of("size", 8192L, "num_workers", 2L, "devices_per_node", 2L));
    }

    @Test
    void writesFramedSampleRowsForEachCollective() throws Exception {
        Path out = dir.resolve("collectives.csv");
        int rc = new CommandLine(new CollectiveProfiler()).execute("--bytes", "4096", "--ranks", "3", "--min-reps", "1", "--max-reps", "1",
                "--budget-ms", "0", "--warmup-ms", "0", "--source", "test", "--out", out.toString());
        assertThat(rc).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.getFirst()).isEqualTo(SampleCsv.header());
        assertThat(lines.subList(1, lines.size())).extracting(l -> l.replaceFirst(",\\d+,", ",D,")).containsExactlyInAnyOrder(
                "all_reduce,D,test,,,,,,,,,,,,,,4096,3,3,",
                "all_gather,D,test,,,,,,,,,,,,,,4096,3,3,",
                "send_recv,D,test,,,,,,,,,,,,,,4096,2,2,");
    }

    @Test
    void standardOutputIsFramedByPlanAndEndLines() {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            int rc = new CommandLine(new CollectiveProfiler()).execute("--ops", "all_reduce", "--bytes", "4096", "--ranks", "2",
                    "--min-reps", "1", "--max-reps", "1", "--budget-ms", "0", "--warmup-ms", "0");
            assertThat(rc).isZero();
        } finally {
            System.setOut(saved);
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("# plan: 1 rows, wall clock, ");
        assertThat(lines.get(1)).isEqualTo(SampleCsv.header());
        assertThat(lines.get(2)).startsWith("all_reduce,");
        assertThat(lines.get(3)).isEqualTo("# end: 1 rows");
    }

    @Test
    void badOptionsAreNamed() {
        assertThatThrownBy(() -> parsed("--ops", "broadcast").plan()).hasMessageContaining("--ops: unknown collective 'broadcast'");
        assertThatThrownBy(() -> parsed("--ranks", "1").plan()).hasMessageContaining("--ranks: a collective needs at least 2 ranks, got 1");
        assertThatThrownBy(() -> parsed("--bytes", "2").plan()).hasMessageContaining("--bytes: expected 4 to 2^31 bytes, got 2");
    }
}
