package dev.chronoscope.emulator.gpu;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.KernelPredictor;
import dev.chronoscope.emulator.models.Prediction;

import java.util.HashMap;
import java.util.Map;

/**
 * Memoises predictions per (kernel, features) for one device type: serving code launches the same
 * few shapes millions of times. Two-level maps, so a hit allocates no composite key.
 */
final class PredictionCache {
    private final String deviceType;
    private final KernelPredictor predictor;
    private final Map<String, Map<Features, Prediction>> byKernel = new HashMap<>();

    PredictionCache(String deviceType, KernelPredictor predictor) {
        this.deviceType = deviceType;
        this.predictor = predictor;
    }

    Prediction get(String kernel, Features features) {
        Map<Features, Prediction> shapes = byKernel.get(kernel);
        if (shapes == null) {
            shapes = new HashMap<>();
            byKernel.put(kernel, shapes);
        }
        Prediction p = shapes.get(features);
        if (p == null) {
            p = predictor.predict(deviceType, kernel, features);
            if (p == null) throw new IllegalStateException("kernel predictor returned no prediction for " + deviceType + "/" + kernel + " " + features);
            shapes.put(features, p);
        }
        return p;
    }
}
