package dev.chronoscope.emulator.models.store;

import dev.chronoscope.emulator.models.Features;

/** A measured launch to add to the store; {@code source} names its origin (file, "calibrate:cpu-local", …). */
public record NewSample(String kernel, Features features, double nanos, String source) {
    public NewSample {
        if (!(nanos > 0) || Double.isInfinite(nanos)) throw new IllegalArgumentException("sample duration must be positive, got " + nanos);
    }
}
