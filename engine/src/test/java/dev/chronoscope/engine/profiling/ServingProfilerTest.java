package dev.chronoscope.engine.profiling;

import dev.chronoscope.engine.device.KernelNames;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ServingProfilerTest {

    @Test
    void servesRequestsAndWritesFramedInSituSamplesOfEveryKernelAndRuntimeCost() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int rc;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            rc = new CommandLine(new ServingProfiler()).execute("--prompt-lengths", "16", "--concurrency", "1,2", "--output-len", "3",
                    "--warmup-rounds", "0", "--rounds", "1", "--idle-ms", "0", "--source", "test");
        } finally {
            System.setOut(stdout);
        }
        assertThat(rc).isZero();
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.getFirst()).startsWith("# plan: " + (lines.size() - 3) + " rows, in situ: tiny served at TP [1]");
        assertThat(lines.get(1)).isEqualTo(SampleCsv.header());
        assertThat(lines.getLast()).isEqualTo("# end: " + (lines.size() - 3) + " rows");
        List<String[]> rows = lines.subList(2, lines.size() - 1).stream().map(l -> l.split(",", -1)).toList();
        assertThat(rows).allSatisfy(r -> {
            assertThat(r[2]).isEqualTo("test");
            assertThat(Long.parseLong(r[1])).isPositive();
        });
        List<String> names = rows.stream().map(r -> r[0]).distinct().toList();
        assertThat(names).containsAll(KernelNames.OPERATORS).contains("launch_latency", "sync_latency", "host_step");
        assertThat(rows.stream().filter(r -> r[0].equals("host_step")).map(r -> r[Arrays.asList(SampleCsv.header().split(",")).indexOf("batch_size")]))
                .containsExactlyInAnyOrder("1", "2");
    }

    @Test
    void badCountsAreRefusedByName() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cmd = new CommandLine(new ServingProfiler())
                .setExecutionExceptionHandler((e, c, parsed) -> ProfileRunner.usageError(c, "serving-profiler", e));
        cmd.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        assertThat(cmd.execute("--concurrency", "1,0")).isEqualTo(2);
        assertThat(cmd.execute("--tp", "1", "--per-rank-tp", "2")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("serving-profiler: --concurrency: expected counts ≥ 1, got 0")
                .contains("serving-profiler: --per-rank-tp: 2 is derived from the same TP served with ranks as threads, so --tp must list it too");
    }
}
