package dev.chronoscope.emulator.models.store;

import dev.chronoscope.emulator.models.Features;

/** A sample as stored: excluded samples stay in the store with the reason they were left out. */
public record StoredSample(long id, String device, String kernel, Features features, double nanos, String source,
                           boolean excluded, String excludeReason) {}
