package dev.chronoscope.emulator.gpu;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.Prediction;

import java.util.List;

/**
 * A fixed sequence of kernel launches that one host thread replays many times on one device: the
 * kernel nodes of a captured graph between two collectives. {@link VirtualDevice#launch(VirtualStream,
 * KernelBatch)} places them all at one host time under one lock, and every slot keeps the prediction
 * of its current features, so a replay predicts only the slots whose shapes changed. Not thread-safe.
 */
public final class KernelBatch {
    final VirtualDevice device;
    private final String[] kernels;
    private final Features[] features;
    /** The prediction of {@code features[i]}, or null until the next replay predicts it. */
    private final Prediction[] predictions;

    KernelBatch(VirtualDevice device, List<String> kernels, List<Features> features) {
        if (kernels.size() != features.size()) {
            throw new IllegalArgumentException("kernel batch: " + kernels.size() + " kernel names but " + features.size() + " feature sets");
        }
        this.device = device;
        this.kernels = kernels.toArray(String[]::new);
        this.features = features.toArray(Features[]::new);
        for (int i = 0; i < this.kernels.length; i++) {
            if (this.kernels[i] == null || this.features[i] == null) {
                throw new IllegalArgumentException("kernel batch: launch " + i + " needs a kernel name and features");
            }
        }
        this.predictions = new Prediction[this.kernels.length];
    }

    public int size() { return kernels.length; }

    public String kernel(int slot) { return kernels[slot]; }

    public Features features(int slot) { return features[slot]; }

    /** Launch {@code slot} with other features from the next replay on (a data-dependent shape argument). */
    public void setFeatures(int slot, Features f) {
        if (f == null) throw new IllegalArgumentException("kernel batch: launch " + slot + " needs features");
        if (f != features[slot]) {
            features[slot] = f;
            predictions[slot] = null;
        }
    }

    /** The prediction of {@code slot}'s current features; called under the cluster lock. */
    Prediction prediction(int slot, PredictionCache cache) {
        Prediction p = predictions[slot];
        if (p == null) {
            p = cache.get(kernels[slot], features[slot]);
            predictions[slot] = p;
        }
        return p;
    }
}
