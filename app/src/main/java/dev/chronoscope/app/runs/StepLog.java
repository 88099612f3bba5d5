package dev.chronoscope.app.runs;

import dev.chronoscope.emulator.stream.event.StreamEvent;

import java.util.Arrays;

/** Per engine step: batch composition and KV occupancy, for the batch view and the dashboard. */
public final class StepLog {
    private long[] times = new long[256];
    private int[] prefillTokens = new int[256];
    private int[] decodeTokens = new int[256];
    private int[] running = new int[256];
    private int[] waiting = new int[256];
    private int[] kvUsed = new int[256];
    private int[] kvFree = new int[256];
    private int[] preemptions = new int[256];
    private int size;

    public synchronized void accept(StreamEvent.SchedulerStep s) {
        if (size == times.length) grow();
        times[size] = s.time();
        prefillTokens[size] = s.prefillTokens();
        decodeTokens[size] = s.decodeTokens();
        running[size] = s.numRunning();
        waiting[size] = s.numWaiting();
        kvUsed[size] = s.kvBlocksUsed();
        kvFree[size] = s.kvBlocksFree();
        preemptions[size] = s.preemptions();
        size++;
    }

    public synchronized Steps snapshot() {
        return new Steps(Arrays.copyOf(times, size), Arrays.copyOf(prefillTokens, size), Arrays.copyOf(decodeTokens, size),
                Arrays.copyOf(running, size), Arrays.copyOf(waiting, size), Arrays.copyOf(kvUsed, size),
                Arrays.copyOf(kvFree, size), Arrays.copyOf(preemptions, size));
    }

    /** The latest step, or null before the first. */
    public synchronized Step last() {
        if (size == 0) return null;
        int i = size - 1;
        return new Step(times[i], prefillTokens[i], decodeTokens[i], running[i], waiting[i], kvUsed[i], kvFree[i], preemptions[i]);
    }

    private void grow() {
        int n = times.length * 2;
        times = Arrays.copyOf(times, n);
        prefillTokens = Arrays.copyOf(prefillTokens, n);
        decodeTokens = Arrays.copyOf(decodeTokens, n);
        running = Arrays.copyOf(running, n);
        waiting = Arrays.copyOf(waiting, n);
        kvUsed = Arrays.copyOf(kvUsed, n);
        kvFree = Arrays.copyOf(kvFree, n);
        preemptions = Arrays.copyOf(preemptions, n);
    }

    public record Step(long time, int prefillTokens, int decodeTokens, int running, int waiting, int kvUsed, int kvFree,
                       int preemptions) {
        public double kvUsage() { return kvUsed + kvFree == 0 ? 0 : (double) kvUsed / (kvUsed + kvFree); }
    }

    /** Columns of all steps so far, index = step order. */
    public record Steps(long[] times, int[] prefillTokens, int[] decodeTokens, int[] running, int[] waiting,
                        int[] kvUsed, int[] kvFree, int[] preemptions) {
        public int size() { return times.length; }
    }
}
