package dev.chronoscope.emulator.validate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestTraceTest {

    @Test
    void warmUpBurstThenPacedThenMeasuredFromTheirStart() {
        RequestTrace t = RequestTrace.of(8, 3.0, 3, Double.POSITIVE_INFINITY, 128, 32, 0);
        assertThat(t.arrivals()).containsExactly(0.0, 0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0, 1.2000000000000002, 3.0, 3.0, 3.0);
        assertThat(t.warmup()).isEqualTo(8);
    }

    @Test
    void measuredArrivalsArePoissonAtTheRateAndSeeded() {
        RequestTrace a = RequestTrace.of(0, 1.0, 2000, 4.0, 16, 4, 7), b = RequestTrace.of(0, 1.0, 2000, 4.0, 16, 4, 7);
        assertThat(a).isEqualTo(b);
        List<Double> x = a.arrivals();
        assertThat(x.getFirst()).isEqualTo(1.0);
        double meanGap = (x.getLast() - x.getFirst()) / (x.size() - 1);
        assertThat(meanGap).isBetween(0.225, 0.275);
        assertThat(RequestTrace.of(0, 1.0, 2000, 4.0, 16, 4, 8)).isNotEqualTo(a);
    }

    @Test
    void writesTheTraceCsvTheBenchmarkReads(@TempDir Path dir) throws Exception {
        Path file = RequestTrace.of(4, 2.0, 1, Double.POSITIVE_INFINITY, 128, 32, 0).write(dir.resolve("s/trace.csv"));
        assertThat(Files.readAllLines(file)).containsExactly("arrived_at,num_prefill_tokens,num_decode_tokens",
                "0.000000,128,32", "0.200000,128,32", "0.400000,128,32", "0.600000,128,32", "2.000000,128,32");
    }

    @Test
    void aWarmUpThatRunsIntoTheMeasuredRequestsIsRefused() {
        assertThatThrownBy(() -> RequestTrace.of(20, 2.0, 5, 1.0, 16, 4, 0))
                .hasMessage("the warm-up (20 requests) does not end before 2.0 s");
        assertThatThrownBy(() -> new RequestTrace(List.of(0.0), 1, 16, 4))
                .hasMessage("a trace of 1 requests with 1 warm-up ones has none to measure");
    }
}
