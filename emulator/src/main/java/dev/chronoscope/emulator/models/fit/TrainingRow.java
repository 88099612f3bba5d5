package dev.chronoscope.emulator.models.fit;

import dev.chronoscope.emulator.models.Features;

/** One measured launch: raw shape arguments and the measured duration in nanoseconds. */
public record TrainingRow(Features raw, double nanos) {
    public TrainingRow {
        if (!(nanos > 0) || Double.isInfinite(nanos)) throw new IllegalArgumentException("measured duration must be positive, got " + nanos);
    }
}
