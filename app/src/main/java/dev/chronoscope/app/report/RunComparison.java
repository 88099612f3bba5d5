package dev.chronoscope.app.report;

import dev.chronoscope.app.runs.RunMetrics;

import java.util.List;

/** The metrics table comparing run A with run B. */
public final class RunComparison {
    private RunComparison() {}

    public static List<MetricDiff> compare(RunMetrics a, RunMetrics b) {
        return List.of(
                new MetricDiff("Successful requests", a.completed(), b.completed(), false),
                new MetricDiff("Duration (s)", a.durationSeconds(), b.durationSeconds(), true),
                new MetricDiff("Request throughput (req/s)", a.requestThroughput(), b.requestThroughput(), false),
                new MetricDiff("Output token throughput (tok/s)", a.outputThroughput(), b.outputThroughput(), false),
                new MetricDiff("Mean TTFT (ms)", a.ttftMs().mean(), b.ttftMs().mean(), true),
                new MetricDiff("P99 TTFT (ms)", a.ttftMs().percentile(99), b.ttftMs().percentile(99), true),
                new MetricDiff("Mean TPOT (ms)", a.tpotMs().mean(), b.tpotMs().mean(), true),
                new MetricDiff("P99 TPOT (ms)", a.tpotMs().percentile(99), b.tpotMs().percentile(99), true),
                new MetricDiff("Mean E2E (ms)", a.e2eMs().mean(), b.e2eMs().mean(), true),
                new MetricDiff("P99 E2E (ms)", a.e2eMs().percentile(99), b.e2eMs().percentile(99), true));
    }

    /** At most {@code maxPoints} (x, cumulative fraction) points of an empirical CDF of sorted samples. */
    public static double[][] cdf(double[] sorted, int maxPoints) {
        int n = sorted.length;
        if (n == 0) return new double[0][];
        int points = Math.min(n, maxPoints);
        double[][] out = new double[points][];
        for (int k = 0; k < points; k++) {
            int i = points == 1 ? n - 1 : (int) Math.round((double) k * (n - 1) / (points - 1));
            out[k] = new double[]{sorted[i], (i + 1) / (double) n};
        }
        return out;
    }
}
