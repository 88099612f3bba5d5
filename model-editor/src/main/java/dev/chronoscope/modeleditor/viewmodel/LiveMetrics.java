package dev.chronoscope.modeleditor.viewmodel;

import dev.chronoscope.emulator.models.fit.FitMetrics;

import java.util.List;

/**
 * Metrics of a model on the samples included right now: they move as soon as a point is excluded,
 * before any refit. Cross-validated MAPE needs a refit, so it is left NaN here.
 */
public final class LiveMetrics {
    private LiveMetrics() {}

    public static FitMetrics of(List<SampleRow> samples, double[] predicted) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).excluded()) continue;
            sum += samples.get(i).nanos();
            n++;
        }
        if (n == 0) return new FitMetrics(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        double mean = sum / n, ssRes = 0, ssTot = 0, ape = 0, maxApe = 0;
        for (int i = 0; i < samples.size(); i++) {
            SampleRow s = samples.get(i);
            if (s.excluded()) continue;
            double r = s.nanos() - predicted[i];
            ssRes += r * r;
            ssTot += (s.nanos() - mean) * (s.nanos() - mean);
            double e = Math.abs(r) / s.nanos();
            ape += e;
            maxApe = Math.max(maxApe, e);
        }
        double r2 = ssTot == 0 ? (ssRes == 0 ? 1 : 0) : 1 - ssRes / ssTot;
        return new FitMetrics(r2, 100 * ape / n, Double.NaN, 100 * maxApe, n);
    }
}
