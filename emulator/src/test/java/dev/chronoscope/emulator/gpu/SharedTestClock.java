package dev.chronoscope.emulator.gpu;

import dev.chronoscope.emulator.time.VirtualTime;

import java.util.concurrent.atomic.AtomicLong;

/** One monotonic virtual time shared by several real threads: sleeping moves it forward for everyone. */
final class SharedTestClock implements VirtualTime {
    private final AtomicLong now = new AtomicLong();

    @Override public long now() { return now.get(); }

    @Override public void sleepUntil(long virtualNanos) { now.accumulateAndGet(virtualNanos, Math::max); }
}
