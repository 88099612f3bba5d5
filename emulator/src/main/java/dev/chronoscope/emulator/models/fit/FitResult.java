package dev.chronoscope.emulator.models.fit;

import dev.chronoscope.emulator.models.form.FeatureRanges;
import dev.chronoscope.emulator.models.form.KernelModel;

/**
 * A fitted model with its metrics.
 *
 * @param outliers indices (into the rows given) whose residual breaks the k·MAD rule
 */
public record FitResult(KernelModel model, FitMetrics metrics, FeatureRanges ranges, String dataHash, int[] outliers) {
    public FitResult { outliers = outliers.clone(); }

    @Override public int[] outliers() { return outliers.clone(); }
}
