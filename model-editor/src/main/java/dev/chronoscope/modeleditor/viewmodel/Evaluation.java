package dev.chronoscope.modeleditor.viewmodel;

import dev.chronoscope.emulator.models.fit.FitMetrics;

/**
 * The edited model (and the compared version, if any) evaluated on every sample, in the order of
 * the editor's sample list, with the live metrics on the included ones.
 *
 * @param comparePredicted null when no version is being compared
 */
public record Evaluation(double[] predicted, double[] comparePredicted, FitMetrics live) {
    public static final Evaluation EMPTY = new Evaluation(new double[0], null, new FitMetrics(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0));
}
