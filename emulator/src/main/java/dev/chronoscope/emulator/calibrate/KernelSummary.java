package dev.chronoscope.emulator.calibrate;

import java.util.List;

/**
 * What calibration did for one kernel.
 *
 * @param kernel   kernel name
 * @param samples  samples measured in this calibration
 * @param form     form of the fitted model
 * @param features its features (linear) or key and axis features (table)
 * @param cvMape   k-fold cross-validated MAPE, percent
 * @param mape     training MAPE, percent
 * @param outliers samples the k·MAD rule left out of the fit
 * @param version  label of the saved, now active, version ({@code cpu-local/KERNEL@ID})
 */
public record KernelSummary(String kernel, int samples, String form, List<String> features, double cvMape, double mape,
                            int outliers, String version) {
    public KernelSummary {
        features = List.copyOf(features);
    }
}
