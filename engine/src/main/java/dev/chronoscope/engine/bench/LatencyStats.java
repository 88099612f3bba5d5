package dev.chronoscope.engine.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mean, median, standard deviation and percentiles of one latency metric in milliseconds, computed as
 * numpy does for vLLM bench (population std, linear-interpolation percentiles; all zero when empty).
 */
public record LatencyStats(double mean, double median, double std, Map<Double, Double> percentiles) {

    public static LatencyStats ofSeconds(List<Double> seconds, double[] percentileRanks) {
        double[] ms = seconds.stream().mapToDouble(s -> s * 1000).sorted().toArray();
        if (ms.length == 0) {
            ms = new double[]{0};
        }
        double mean = Arrays.stream(ms).average().orElse(0);
        double variance = Arrays.stream(ms).map(v -> (v - mean) * (v - mean)).sum() / ms.length;
        Map<Double, Double> percentiles = new LinkedHashMap<>();
        for (double p : percentileRanks) {
            percentiles.put(p, percentile(ms, p));
        }
        return new LatencyStats(mean, percentile(ms, 50), Math.sqrt(variance), percentiles);
    }

    /** numpy.percentile's default ("linear") on sorted values. */
    static double percentile(double[] sorted, double p) {
        double rank = p / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }
}
