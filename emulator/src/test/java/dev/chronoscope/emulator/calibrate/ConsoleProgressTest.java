package dev.chronoscope.emulator.calibrate;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleProgressTest {

    @Test
    void linesShowCountShapeDurationElapsedAndAnEtaFromTheRowRate() {
        long[] now = {0};
        StringWriter text = new StringWriter();
        ConsoleProgress p = new ConsoleProgress(new PrintWriter(text), () -> now[0]);
        p.planned(12, "cpu clock");
        now[0] = 5_000_000_000L;
        p.measured(1, 12, "mlp_up_proj", "num_tokens=512 n_embd=256 tp=1", 1_234_000);
        now[0] = 7_000_000_000L;
        p.measured(2, 12, "add", "num_tokens=1", 800);
        now[0] = 9_000_000_000L;
        p.measured(3, 12, "all_reduce", "size=4096 num_workers=2", 2_500_000_000.0);

        p.planned(2, "wall clock");
        now[0] = 11_000_000_000L;
        p.measured(4, 14, "send_recv", "size=4096 num_workers=2", 5_000);

        String[] lines = text.toString().split("\n");
        assertThat(lines[0]).isEqualTo("profiling 12 shapes (cpu clock)");
        assertThat(lines[1]).matches("\\[ 1/12] mlp_up_proj +num_tokens=512 n_embd=256 tp=1 +1\\.23 ms  elapsed 0:05  ETA -:--");
        assertThat(lines[2]).matches("\\[ 2/12] add +num_tokens=1 +800 ns  elapsed 0:07  ETA 0:20");
        assertThat(lines[3]).matches("\\[ 3/12] all_reduce +size=4096 num_workers=2 +2\\.50 s  elapsed 0:09  ETA 0:18");
        assertThat(lines[4]).isEqualTo("profiling 2 shapes (wall clock)");
        assertThat(lines[5]).as("a second profiler continues the run's clock and row rate")
                .matches("\\[ 4/14] send_recv +size=4096 num_workers=2 +5\\.0 µs  elapsed 0:11  ETA 0:20");
    }
}
