package dev.chronoscope.emulator.validate;

import java.util.Arrays;
import java.util.List;

/**
 * One row of the validation table: a metric of one scenario, the values of the real runs, their
 * median, and the emulated value. {@code errorPct} is signed: positive when the emulation predicts
 * more than reality, (emulated − real median) / real median × 100.
 */
public record Comparison(String scenario, Metric metric, List<Double> realRuns, double realMedian, double emulated,
                         double errorPct) {

    public Comparison {
        realRuns = List.copyOf(realRuns);
    }

    /** The row for the given real values and emulated value. */
    public static Comparison of(String scenario, Metric metric, List<Double> realRuns, double emulated) {
        if (realRuns.isEmpty()) throw new IllegalArgumentException(scenario + " " + metric.key() + ": no real runs");
        double median = median(realRuns);
        return new Comparison(scenario, metric, realRuns, median, emulated, errorPct(median, emulated));
    }

    /** The median; the mean of the two middle values for an even count. */
    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    /** Signed relative error in percent; NaN when the real value is zero (no relative error exists). */
    static double errorPct(double real, double emulated) {
        return real == 0 ? Double.NaN : (emulated - real) / real * 100;
    }

    /** Whether the metric is one the ≤ {@code targetPct} target applies to, and the error misses it. */
    public boolean missesTarget(double targetPct) {
        return metric.targeted() && !(Math.abs(errorPct) <= targetPct);
    }

    /** The relative spread of the real runs, (max − min) / median × 100: how much reality itself varied. */
    public double realSpreadPct() {
        double[] v = realRuns.stream().mapToDouble(Double::doubleValue).toArray();
        return realMedian == 0 ? Double.NaN
                : (Arrays.stream(v).max().orElseThrow() - Arrays.stream(v).min().orElseThrow()) / realMedian * 100;
    }
}
