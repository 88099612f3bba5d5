package dev.chronoscope.app.timeline;

/** A collective as drawn: one band across the rows of the ranks it joins, with each rank's arrival. */
public record CollectiveSpan(String op, long bytes, long start, long end, int[] ranks, long[] arrivals) {

    /** When the first participant arrived: the left edge of the waiting part. */
    public long firstArrival() {
        long t = start;
        for (long a : arrivals) t = Math.min(t, a);
        return t;
    }
}
