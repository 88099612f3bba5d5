package dev.chronoscope.app.timeline;

import java.util.Arrays;

/**
 * Time spans of one timeline row in primitive arrays sorted by start, with a running maximum of
 * ends so that "first span still open at t" is a binary search even when spans overlap.
 *
 * <p>One thread appends; any thread may read a {@link Slice}. Slots below a published size are
 * never written again (growth and the rare out-of-order insert copy the arrays), so a slice stays
 * valid and consistent without locks after it was taken.
 */
public final class SpanColumn {
    private long[] starts = new long[64];
    private long[] ends = new long[64];
    private long[] maxEnds = new long[64];
    private int[] ids = new int[64];
    private int size;
    private long maxDuration;

    /** Adds a span; spans normally arrive in start order, an earlier one is inserted in place. */
    public synchronized void add(long start, long end, int id) {
        if (size == starts.length) grow();
        int at = size;
        if (size > 0 && start < starts[size - 1]) {
            at = upperBound(starts, size, start);
            copyForInsert(at);
        }
        starts[at] = start;
        ends[at] = end;
        ids[at] = id;
        size++;
        for (int i = at; i < size; i++) {
            maxEnds[i] = i == 0 ? ends[i] : Math.max(maxEnds[i - 1], ends[i]);
        }
        maxDuration = Math.max(maxDuration, end - start);
    }

    public synchronized Slice slice() {
        return new Slice(starts, ends, maxEnds, ids, size, maxDuration);
    }

    public synchronized int size() { return size; }

    private void grow() {
        int n = starts.length * 2;
        starts = Arrays.copyOf(starts, n);
        ends = Arrays.copyOf(ends, n);
        maxEnds = Arrays.copyOf(maxEnds, n);
        ids = Arrays.copyOf(ids, n);
    }

    /** Fresh arrays with a gap at {@code at}: published slices keep seeing the old, unchanged ones. */
    private void copyForInsert(int at) {
        starts = shift(starts, at);
        ends = shift(ends, at);
        maxEnds = shift(maxEnds, at);
        int[] n = new int[ids.length];
        System.arraycopy(ids, 0, n, 0, at);
        System.arraycopy(ids, at, n, at + 1, size - at);
        ids = n;
    }

    private long[] shift(long[] a, int at) {
        long[] n = new long[a.length];
        System.arraycopy(a, 0, n, 0, at);
        System.arraycopy(a, at, n, at + 1, size - at);
        return n;
    }

    static int upperBound(long[] a, int size, long key) {
        int lo = 0, hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= key) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    static int lowerBound(long[] a, int from, int size, long key) {
        int lo = from, hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** An immutable view of the first {@code size} spans. */
    public record Slice(long[] starts, long[] ends, long[] maxEnds, int[] ids, int size, long maxDuration) {

        /** Index of the first span that ends after {@code t} (may start after t); {@code size} if none. */
        public int firstEndingAfter(long t) {
            int lo = 0, hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (maxEnds[mid] <= t) lo = mid + 1; else hi = mid;
            }
            return lo;
        }

        /** Index of the first span at or after {@code from} that starts at or after {@code t}. */
        public int firstStartingAtOrAfter(int from, long t) {
            return lowerBound(starts, from, size, t);
        }

        /** Among spans [from, to), the last one starting at or before {@code t} if it is still open at t; else -1. */
        public int openAt(int from, int to, long t) {
            int lo = from, hi = to;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (starts[mid] <= t) lo = mid + 1; else hi = mid;
            }
            int k = lo - 1;
            return k >= from && ends[k] > t ? k : -1;
        }

        /** Index of a span containing {@code t}, or -1: the latest-starting one when several do. */
        public int spanAt(long t) {
            int i = upperBound(starts, size, t) - 1;
            for (int k = i; k >= 0 && starts[k] >= t - maxDuration; k--) {
                if (ends[k] > t || (ends[k] == starts[k] && starts[k] == t)) return k;
            }
            return -1;
        }
    }
}
