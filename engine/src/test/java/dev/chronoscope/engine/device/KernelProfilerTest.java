package dev.chronoscope.engine.device;

import dev.chronoscope.engine.device.cpu.KernelProfiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class KernelProfilerTest {
    @TempDir
    Path dir;

    @Test
    void writesOneRowPerKernelAndShape() throws Exception {
        Path out = dir.resolve("cpu.csv");
        int status = new CommandLine(new KernelProfiler()).execute("--max-tokens", "2", "--reps", "1", "--out", out.toString());
        assertThat(status).isZero();
        List<String> rows = Files.readAllLines(out);
        Set<String> kernels = rows.stream().map(r -> r.split(",")[0]).collect(Collectors.toSet());
        assertThat(kernels).containsExactlyInAnyOrderElementsOf(KernelNames.OPERATORS);
        for (String row : rows) {
            String[] cols = row.split(",");
            assertThat(cols).hasSize(3);
            assertThat(cols[1]).matches("([a-z_]+=\\d+)(;[a-z_]+=\\d+)*");
            assertThat(Long.parseLong(cols[2])).isPositive();
        }
        assertThat(rows).anyMatch(r -> r.startsWith("attn_decode,") && r.contains("sum_kv=2048"));
    }
}
