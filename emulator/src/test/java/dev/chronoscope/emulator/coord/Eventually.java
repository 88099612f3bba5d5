package dev.chronoscope.emulator.coord;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition to become true, failing after a bound; the condition is what is awaited, not a delay. */
final class Eventually {

    private Eventually() {}

    static void await(String what, Duration bound, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + bound.toMillis() + " ms: " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}
