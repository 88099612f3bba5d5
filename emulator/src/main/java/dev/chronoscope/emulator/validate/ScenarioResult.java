package dev.chronoscope.emulator.validate;

import java.util.Arrays;
import java.util.List;

/**
 * What one scenario gave: the metrics of each real run, the machine's 1-minute load average when
 * each real run ended (reality on a shared machine is only as steady as its load), and the emulated metrics.
 */
public record ScenarioResult(ValidationCase scenario, List<RunMetrics> realRuns, List<Double> loadAverages,
                             RunMetrics emulated) {

    public ScenarioResult {
        realRuns = List.copyOf(realRuns);
        loadAverages = List.copyOf(loadAverages);
        if (realRuns.isEmpty()) throw new IllegalArgumentException(scenario.name() + ": no real runs");
    }

    /** One row per metric, in {@link Metric} order. */
    public List<Comparison> comparisons() {
        return Arrays.stream(Metric.values())
                .map(m -> Comparison.of(scenario.name(), m, realRuns.stream().map(r -> r.get(m)).toList(), emulated.get(m)))
                .toList();
    }
}
