package dev.chronoscope.emulator.validate;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RunMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Three requests: the first is warm-up; the others arrive at 1.0 s and 1.5 s. */
    private static final RequestTrace TRACE = new RequestTrace(List.of(0.0, 1.0, 1.5), 1, 8, 3);
    private static final String RESULT = """
            {"ttfts": [9.0, 0.100, 0.300],
             "itls": [[9.0, 9.0], [0.010, 0.030], [0.020, 0.020]],
             "output_lens": [3, 3, 2]}""";

    @Test
    void metricsCoverOnlyTheMeasuredRequestsTheWayVllmComputesThem() throws Exception {
        RunMetrics m = RunMetrics.of(JSON.readTree(RESULT), TRACE, "r.json");
        // E2E: 0.100+0.040 = 0.140 s and 0.300+0.040 = 0.340 s; TPOT: 40/2 = 20 ms and 40/1 = 40 ms.
        assertThat(m.get(Metric.MEAN_TTFT)).isCloseTo(200.0, within(1e-9));
        assertThat(m.get(Metric.P99_TTFT)).isCloseTo(100 + 200 * 0.99, within(1e-9));
        assertThat(m.get(Metric.MEAN_TPOT)).isCloseTo(30.0, within(1e-9));
        assertThat(m.get(Metric.MEAN_E2E)).isCloseTo(240.0, within(1e-9));
        // 5 tokens from the first measured arrival (1.0 s) to the last completion (1.5 + 0.34 = 1.84 s).
        assertThat(m.get(Metric.THROUGHPUT)).isCloseTo(5 / 0.84, within(1e-9));
        assertThat(m.get(Metric.MIN_TTFT)).isCloseTo(100.0, within(1e-9));
        // Gaps 10, 30, 20, 20 ms sorted 10, 20, 20, 30: rank 0.3 lies 30% of the way from 10 to 20.
        assertThat(m.get(Metric.P10_ITL)).isCloseTo(13.0, within(1e-9));
    }

    @Test
    void percentileInterpolatesLikeNumpy() {
        assertThat(RunMetrics.percentile(List.of(4.0, 1.0, 3.0, 2.0), 50)).isEqualTo(2.5);
        assertThat(RunMetrics.percentile(List.of(1.0, 2.0, 3.0, 4.0, 5.0), 99)).isCloseTo(4.96, within(1e-12));
        assertThat(RunMetrics.percentile(List.of(), 99)).isZero();
    }

    @Test
    void aMissingFieldOrAShortResultIsNamedWithTheFile(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> RunMetrics.of(JSON.readTree("{\"ttfts\": [1, 2, 3], \"itls\": [[], [], []]}"), TRACE, "r.json"))
                .isInstanceOf(ValidationException.class).hasMessage("r.json: field 'output_lens' is missing or not an array");
        assertThatThrownBy(() -> RunMetrics.of(JSON.readTree("{\"ttfts\": [1, 2], \"itls\": [[], []], \"output_lens\": [1, 1]}"), TRACE, "r.json"))
                .isInstanceOf(ValidationException.class).hasMessage("r.json: field 'ttfts' has 2 requests, the trace 3");
        assertThatThrownBy(() -> RunMetrics.of(JSON.readTree(RESULT.replace("[0.020, 0.020]", "[0.020, \"x\"]")), TRACE, "r.json"))
                .isInstanceOf(ValidationException.class).hasMessage("r.json: field 'itls[2][1]' is not a number");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"ttfts\": [");
        assertThatThrownBy(() -> RunMetrics.read(broken, TRACE))
                .isInstanceOf(ValidationException.class).hasMessageStartingWith("cannot read the benchmark result " + broken);
    }
}
