package dev.chronoscope.emulator.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ValidationReportTest {
    private static final ValidationCase CASE = new ValidationCase("tp1-low", 1, 2, 4, 3, 10, 128, 32, "modeled");

    private static RunMetrics metrics(double ttft, double p99, double tpot, double e2e, double throughput) {
        return metrics(ttft, p99, tpot, e2e, throughput, ttft / 2, tpot / 2);
    }

    private static RunMetrics metrics(double ttft, double p99, double tpot, double e2e, double throughput, double minTtft, double p10Itl) {
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        m.put(Metric.MEAN_TTFT, ttft);
        m.put(Metric.P99_TTFT, p99);
        m.put(Metric.MEAN_TPOT, tpot);
        m.put(Metric.MEAN_E2E, e2e);
        m.put(Metric.THROUGHPUT, throughput);
        m.put(Metric.MIN_TTFT, minTtft);
        m.put(Metric.P10_ITL, p10Itl);
        return new RunMetrics(m);
    }

    private static ValidationReport report() {
        ScenarioResult r = new ScenarioResult(CASE,
                List.of(metrics(30, 50, 1.0, 60, 80), metrics(20, 40, 1.2, 70, 79), metrics(40, 45, 0.8, 65, 81)),
                List.of(new ScenarioResult.RunConditions(1.5, 10), new ScenarioResult.RunConditions(1.25, 20),
                        new ScenarioResult.RunConditions(1.0, Double.NaN)), metrics(31, 44, 1.1, 0, 80.4, 14, 0.5));
        return new ValidationReport(List.of(r), new MachineState(2, "Test CPU", "Linux", "JVM 25", 0.5), 3, -5, 5.0);
    }

    @Test
    void errorIsSignedRelativeToTheMedianOfTheRealRuns() {
        assertThat(Comparison.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Comparison.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        Comparison c = Comparison.of("s", Metric.MEAN_TTFT, List.of(30.0, 20.0, 40.0), 31);
        assertThat(c.realMedian()).isEqualTo(30.0);
        assertThat(c.errorPct()).isCloseTo(10.0 / 3, within(1e-12));
        assertThat(c.realSpreadPct()).isCloseTo(200.0 / 3, within(1e-12));
        assertThat(Comparison.of("s", Metric.MEAN_TPOT, List.of(2.0), 1.8).errorPct()).isCloseTo(-10.0, within(1e-12));
        assertThat(Comparison.of("s", Metric.MEAN_TPOT, List.of(0.0), 1.8).errorPct()).isNaN();
    }

    @Test
    void targetAppliesToMeanTtftMeanTpotAndThroughputOnly() {
        assertThat(Comparison.of("s", Metric.MEAN_TTFT, List.of(100.0), 104.9).missesTarget(5)).isFalse();
        assertThat(Comparison.of("s", Metric.MEAN_TTFT, List.of(100.0), 105.5).missesTarget(5)).isTrue();
        assertThat(Comparison.of("s", Metric.P99_TTFT, List.of(100.0), 150).missesTarget(5)).isFalse();
        assertThat(Comparison.of("s", Metric.THROUGHPUT, List.of(0.0), 1).missesTarget(5)).isTrue();
        assertThat(report().missed()).extracting(c -> c.metric()).containsExactly(Metric.MEAN_TPOT);
    }

    @Test
    void tableHasOneRowPerScenarioAndMetric() {
        assertThat(report().table()).isEqualTo("""
                SCENARIO         METRIC              REAL MEDIAN     EMULATED     ERROR   SPREAD
                tp1-low          mean TTFT (ms)            30.00        31.00     +3.3%    66.7%
                tp1-low          p99 TTFT (ms)             45.00        44.00     -2.2%    22.2%
                tp1-low          mean TPOT (ms)             1.00         1.10    +10.0%    40.0% !
                tp1-low          mean E2E (ms)             65.00         0.00   -100.0%    15.4%
                tp1-low          throughput (tok/s)        80.00        80.40     +0.5%     2.5%
                tp1-low          min TTFT (ms)             15.00        14.00     -6.7%    66.7%
                tp1-low          p10 ITL (ms)               0.50         0.50     +0.0%    40.0%
                """);
    }

    @Test
    void jsonHasOneEntryPerScenarioAndMetricWithRealEmulatedAndError(@TempDir Path dir) throws Exception {
        Path file = report().write(dir.resolve("out"));
        assertThat(file).isEqualTo(dir.resolve("out/validation.json"));
        try (var files = Files.list(dir.resolve("out"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("validation.json");
        }
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertThat(root.get("real_runs_per_scenario").asInt()).isEqualTo(3);
        assertThat(root.at("/machine/cores").asInt()).isEqualTo(2);
        assertThat(root.at("/scenarios/0/name").asText()).isEqualTo("tp1-low");
        assertThat(root.get("real_run_niceness").asInt()).isEqualTo(-5);
        assertThat(root.at("/scenarios/0/real_run_conditions").toString()).isEqualTo(
                "[{\"load_average\":1.5,\"cpu_stall_pct\":10.0},{\"load_average\":1.25,\"cpu_stall_pct\":20.0},"
                        + "{\"load_average\":1.0,\"cpu_stall_pct\":null}]");
        JsonNode entries = root.get("entries");
        assertThat(entries).hasSize(7);
        JsonNode tpot = entries.get(2);
        assertThat(tpot.get("scenario").asText()).isEqualTo("tp1-low");
        assertThat(tpot.get("metric").asText()).isEqualTo("mean_tpot_ms");
        assertThat(tpot.get("real").asDouble()).isEqualTo(1.0);
        assertThat(tpot.get("emulated").asDouble()).isEqualTo(1.1);
        assertThat(tpot.get("error_pct").asDouble()).isCloseTo(10.0, within(1e-9));
        assertThat(tpot.get("real_runs").toString()).isEqualTo("[1.0,1.2,0.8]");
        assertThat(entries.get(4).get("metric").asText()).isEqualTo("output_throughput");
    }
}
