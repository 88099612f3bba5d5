package dev.chronoscope.app.runs;

import java.util.Arrays;

/** Sorted samples of one latency metric, with the statistics a benchmark report prints. */
public record Distribution(double[] sorted) {

    public static Distribution of(double[] samples, int count) {
        double[] s = Arrays.copyOf(samples, count);
        Arrays.sort(s);
        return new Distribution(s);
    }

    public int count() { return sorted.length; }

    public boolean isEmpty() { return sorted.length == 0; }

    public double mean() {
        if (isEmpty()) return Double.NaN;
        double sum = 0;
        for (double v : sorted) sum += v;
        return sum / sorted.length;
    }

    public double median() { return percentile(50); }

    /** Linear interpolation between closest ranks, as numpy.percentile (and so vLLM's report) does. */
    public double percentile(double p) {
        if (isEmpty()) return Double.NaN;
        double rank = p / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}
