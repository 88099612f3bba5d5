package dev.chronoscope.engine.profiling;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Times a piece of work the way a kernel profiler should on a shared CPU: warm-up runs until the
 * JIT has seen the loops (a minimum time, not a count, since shapes range from microseconds to
 * seconds), then timed runs until both a minimum count and a minimum time are reached; the
 * median is reported because a busy machine adds one-sided outliers.
 *
 * @param warmupNanos   keep warming up until this much time has been spent (at least one run)
 * @param minReps       timed runs at least
 * @param maxReps       timed runs at most
 * @param budgetNanos   stop timing once this much time has been spent and {@code minReps} are done
 */
public record RepeatTimer(long warmupNanos, int minReps, int maxReps, long budgetNanos) {

    public RepeatTimer {
        if (minReps < 1 || maxReps < minReps) throw new IllegalArgumentException("need 1 ≤ min reps ≤ max reps, got " + minReps + ", " + maxReps);
    }

    /** Work whose duration is measured; it may time itself (collectives time one rank). */
    public interface Timed extends AutoCloseable {
        /** Runs the work once and returns its duration in nanoseconds. */
        long runOnce();

        /** Releases what the work holds (threads); nothing by default. */
        @Override
        default void close() { }
    }

    /** The median duration of {@code work}; closes it afterwards. */
    public long medianNanos(Timed work) {
        try (work) {
            return measure(work);
        }
    }

    private long measure(Timed work) {
        long warm = 0;
        do {
            warm += work.runOnce();
        } while (warm < warmupNanos);
        long[] samples = new long[maxReps];
        long spent = 0;
        int n = 0;
        while (n < maxReps && (n < minReps || spent < budgetNanos)) {
            samples[n] = work.runOnce();
            spent += samples[n++];
        }
        long[] done = Arrays.copyOf(samples, n);
        Arrays.sort(done);
        return Math.max(1, done[n / 2]);
    }

    /** Wall time of one synchronous run. */
    public static long wallNanos(Runnable work) {
        long t0 = System.nanoTime();
        work.run();
        return System.nanoTime() - t0;
    }

    /**
     * CPU time the calling thread spent in one synchronous run: what a single-threaded kernel
     * costs when it has a core, without the time other processes of a busy machine took from it.
     */
    public static long cpuNanos(Runnable work) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        work.run();
        return THREADS.getCurrentThreadCpuTime() - t0;
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
}
