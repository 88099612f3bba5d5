package dev.chronoscope.engine.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BenchmarkMetricsTest {
    private static final double[] P99 = {99};

    @Test
    void latencyStatsFollowNumpy() {
        LatencyStats s = LatencyStats.ofSeconds(List.of(0.004, 0.001, 0.003, 0.002), new double[]{50, 99, 25});
        assertThat(s.mean()).isCloseTo(2.5, within(1e-9));
        assertThat(s.median()).isCloseTo(2.5, within(1e-9));
        assertThat(s.std()).isCloseTo(Math.sqrt(1.25), within(1e-9));          // np.std: population
        assertThat(s.percentiles().get(99.0)).isCloseTo(3.97, within(1e-9));  // np.percentile: linear
        assertThat(s.percentiles().get(25.0)).isCloseTo(1.75, within(1e-9));
        LatencyStats empty = LatencyStats.ofSeconds(List.of(), P99);
        assertThat(empty.mean()).isZero();
        assertThat(empty.percentiles().get(99.0)).isZero();
    }

    @Test
    void computesThroughputTpotAndGoodputLikeVllm() {
        List<RequestOutcome> outcomes = List.of(
                // 5 tokens: ttft 0.1, latency 0.5 → tpot (0.5 − 0.1) / 4 = 0.1
                new RequestOutcome(true, 10, 5, 0.0, 0.1, List.of(0.1, 0.1, 0.1, 0.1), 0.5, "abcde", ""),
                // 1 token: no TPOT sample
                new RequestOutcome(true, 20, 1, 0.5, 0.3, List.of(), 0.3, "x", ""),
                RequestOutcome.failure(30, 0.2, "HTTP 400"));
        BenchmarkResult r = BenchmarkMetrics.compute(outcomes, 2.0, GoodputSlo.parse(List.of("ttft:200")), P99);
        assertThat(r.completed()).isEqualTo(2);
        assertThat(r.failed()).isEqualTo(1);
        assertThat(r.totalInputTokens()).isEqualTo(30);
        assertThat(r.totalOutputTokens()).isEqualTo(6);
        assertThat(r.requestThroughput()).isEqualTo(1.0);
        assertThat(r.outputThroughput()).isEqualTo(3.0);
        assertThat(r.totalTokenThroughput()).isEqualTo(18.0);
        assertThat(r.requestGoodput()).as("only the first meets ttft ≤ 200 ms").isEqualTo(0.5);
        assertThat(r.latencies().get("tpot").mean()).isCloseTo(100, within(1e-9));
        assertThat(r.latencies().get("ttft").mean()).isCloseTo(200, within(1e-9));
        assertThat(r.latencies().get("itl").median()).isCloseTo(100, within(1e-9));
        assertThat(r.latencies().get("e2el").mean()).isCloseTo(400, within(1e-9));
        assertThat(r.maxConcurrentRequests()).isEqualTo(1);
        assertThat(r.maxOutputTokensPerSecond()).as("all 6 tokens arrive within second 0").isEqualTo(6);
    }

    @Test
    void goodputSpecsAreCheckedByName() {
        assertThat(GoodputSlo.parse(List.of("ttft:500", "e2el:2000")).asMap()).containsOnlyKeys("ttft", "e2el");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GoodputSlo.parse(List.of("latency:5")))
                .hasMessageContaining("'latency:5'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GoodputSlo.parse(List.of("tpot:-1")))
                .hasMessageContaining("must be positive");
    }

    @Test
    void printsVllmsResultBlockLayout() {
        BenchmarkResult r = BenchmarkMetrics.compute(List.of(
                new RequestOutcome(true, 10, 2, 0, 0.010, List.of(0.005), 0.015, "ab", "")), 1.0, null, P99);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new ResultPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8)).print(r, null,
                Double.POSITIVE_INFINITY, List.of("ttft", "tpot"));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).containsExactly(
                "============ Serving Benchmark Result ============",
                "Successful requests:                     1         ",
                "Failed requests:                         0         ",
                "Benchmark duration (s):                  1.00      ",
                "Total input tokens:                      10        ",
                "Total generated tokens:                  2         ",
                "Request throughput (req/s):              1.00      ",
                "Output token throughput (tok/s):         2.00      ",
                "Peak output token throughput (tok/s):    2.00      ",
                "Peak concurrent requests:                1.00      ",
                "Total Token throughput (tok/s):          12.00     ",
                "---------------Time to First Token----------------",
                "Mean TTFT (ms):                          10.00     ",
                "Median TTFT (ms):                        10.00     ",
                "P99 TTFT (ms):                           10.00     ",
                "-----Time per Output Token (excl. 1st token)------",
                "Mean TPOT (ms):                          5.00      ",
                "Median TPOT (ms):                        5.00      ",
                "P99 TPOT (ms):                           5.00      ",
                "==================================================");
    }
}
