package dev.chronoscope.engine.core;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** A Prometheus-style histogram: cumulative-free bucket counts, sum and count; safe to read while written. */
public final class Histogram {
    private final double[] upperBounds;
    private final AtomicLongArray counts;
    private final DoubleAdder sum = new DoubleAdder();
    private final LongAdder count = new LongAdder();

    public Histogram(double... upperBounds) {
        this.upperBounds = upperBounds.clone();
        for (int i = 1; i < upperBounds.length; i++) {
            if (upperBounds[i] <= upperBounds[i - 1]) {
                throw new IllegalArgumentException("bucket bounds must increase: " + Arrays.toString(upperBounds));
            }
        }
        this.counts = new AtomicLongArray(upperBounds.length + 1);
    }

    public void observe(double value) {
        int i = Arrays.binarySearch(upperBounds, value);
        counts.incrementAndGet(i >= 0 ? i : -i - 1);
        sum.add(value);
        count.increment();
    }

    public double[] upperBounds() { return upperBounds.clone(); }

    /** Observations ≤ each upper bound (cumulative, as Prometheus wants), then the total for +Inf. */
    public long[] cumulativeCounts() {
        long[] out = new long[counts.length()];
        long running = 0;
        for (int i = 0; i < out.length; i++) {
            running += counts.get(i);
            out[i] = running;
        }
        return out;
    }

    public double sum() { return sum.sum(); }

    public long count() { return count.sum(); }
}
