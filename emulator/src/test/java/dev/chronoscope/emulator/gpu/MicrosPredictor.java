package dev.chronoscope.emulator.gpu;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.KernelPredictor;
import dev.chronoscope.emulator.models.Prediction;

import java.util.concurrent.atomic.AtomicInteger;

/** A deterministic predictor: a kernel lasts its feature {@code us} in microseconds. Counts the calls it answers. */
final class MicrosPredictor implements KernelPredictor {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public Prediction predict(String deviceType, String kernel, Features features) {
        calls.incrementAndGet();
        return new Prediction((long) (features.get("us", 0) * 1_000), "test/" + deviceType + "/" + kernel, false);
    }

    static Features us(double micros) {
        return Features.of("us", micros);
    }
}
