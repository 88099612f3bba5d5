package dev.chronoscope.emulator.gpu;

import dev.chronoscope.emulator.time.VirtualTime;

/** A single-threaded virtual clock: sleeping advances it, tests move it by hand. */
final class TestClock implements VirtualTime {
    private long now;

    @Override public long now() { return now; }

    @Override public void sleepUntil(long virtualNanos) { now = Math.max(now, virtualNanos); }

    void set(long virtualNanos) {
        if (virtualNanos < now) throw new IllegalArgumentException("test clock cannot go back from " + now + " to " + virtualNanos);
        now = virtualNanos;
    }
}
