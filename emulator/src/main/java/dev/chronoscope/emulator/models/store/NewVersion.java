package dev.chronoscope.emulator.models.store;

import dev.chronoscope.emulator.models.fit.FitMetrics;
import dev.chronoscope.emulator.models.form.FeatureRanges;
import dev.chronoscope.emulator.models.form.KernelModel;

/** A version to save; the store assigns its id and creation time. */
public record NewVersion(String device, String kernel, Long parentId, KernelModel model, FeatureRanges ranges,
                         String dataHash, FitMetrics metrics, String author, String note) {}
