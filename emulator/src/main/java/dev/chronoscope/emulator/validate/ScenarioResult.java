package dev.chronoscope.emulator.validate;

import java.util.Arrays;
import java.util.List;

/**
 * What one scenario gave: the metrics of each real run, how contended the CPU was during each (reality
 * on a shared machine is only as steady as its load), and the emulated metrics.
 */
public record ScenarioResult(ValidationCase scenario, List<RunMetrics> realRuns, List<RunConditions> conditions,
                             RunMetrics emulated) {

    /**
     * @param loadAverage the 1-minute load average when the run ended
     * @param cpuStallPct share of the run's wall time during which some task waited for a core (NaN: unknown)
     */
    public record RunConditions(double loadAverage, double cpuStallPct) {}

    public ScenarioResult {
        realRuns = List.copyOf(realRuns);
        conditions = List.copyOf(conditions);
        if (realRuns.isEmpty()) throw new IllegalArgumentException(scenario.name() + ": no real runs");
    }

    /** One row per metric, in {@link Metric} order. */
    public List<Comparison> comparisons() {
        return Arrays.stream(Metric.values())
                .map(m -> Comparison.of(scenario.name(), m, realRuns.stream().map(r -> r.get(m)).toList(), emulated.get(m)))
                .toList();
    }
}
