package dev.chronoscope.emulator.time;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Real CPU time of the carrier thread, for measured mode. A virtual thread cannot read its own CPU
 * time (the JDK answers -1), but everything it runs runs on the one carrier, so the carrier's CPU
 * time across a slice is the emulated thread's.
 */
final class CpuMeter {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    CpuMeter() {
        if (!threads.isThreadCpuTimeSupported()) {
            throw new IllegalStateException("measured time mode needs per-thread CPU time, which this JVM does not support");
        }
        if (!threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
    }

    long cpuNanos(Thread carrier) {
        return threads.getThreadCpuTime(carrier.threadId());
    }
}
