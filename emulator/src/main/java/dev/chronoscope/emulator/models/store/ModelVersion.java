package dev.chronoscope.emulator.models.store;

import dev.chronoscope.emulator.models.fit.FitMetrics;
import dev.chronoscope.emulator.models.form.FeatureRanges;
import dev.chronoscope.emulator.models.form.KernelModel;

import java.time.Instant;

/** One immutable model version of a (device, kernel). */
public record ModelVersion(long id, String device, String kernel, Long parentId, KernelModel model, FeatureRanges ranges,
                           String dataHash, FitMetrics metrics, String author, String note, Instant createdAt) {

    /** How predictions name this version, e.g. {@code h100-sxm/mlp_up_proj@12}. */
    public String label() { return device + "/" + kernel + "@" + id; }
}
