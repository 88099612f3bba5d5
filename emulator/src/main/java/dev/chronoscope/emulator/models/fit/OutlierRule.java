package dev.chronoscope.emulator.models.fit;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The rule that marks (never deletes) suspicious samples: relative residual farther than k·MAD
 * from the median residual. MAD is robust, so the outliers themselves do not widen the band. A
 * sample must also be at least {@link #MIN_DEVIATION} off: when a fit is tight (MAD of 1 %), k·MAD
 * alone would brand ordinary timing jitter an outlier.
 */
public final class OutlierRule {
    private OutlierRule() {}

    /** Smallest relative deviation from the median residual that can count as an outlier. */
    public static final double MIN_DEVIATION = 0.2;

    public static int[] outliers(double[] measured, double[] predicted, double k) {
        double[] r = IntStream.range(0, measured.length).mapToDouble(i -> (predicted[i] - measured[i]) / measured[i]).toArray();
        double median = median(r);
        double mad = median(Arrays.stream(r).map(v -> Math.abs(v - median)).toArray());
        double band = Math.max(k * mad, MIN_DEVIATION);
        return IntStream.range(0, r.length).filter(i -> Math.abs(r[i] - median) > band).toArray();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
