package dev.chronoscope.app.runs;

import dev.chronoscope.emulator.stream.event.StreamEvent;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/** KV-cache block ownership over time (KvBlocks events), for the block map. */
public final class KvLog {
    private StreamEvent.KvBlocks[] entries = new StreamEvent.KvBlocks[256];
    private int size;
    private int maxBlockId = -1;

    public synchronized void accept(StreamEvent.KvBlocks k) {
        if (size == entries.length) entries = Arrays.copyOf(entries, size * 2);
        entries[size++] = k;
        for (int b : k.blockIds()) maxBlockId = Math.max(maxBlockId, b);
    }

    /** Highest block id seen, or -1. */
    public synchronized int maxBlockId() { return maxBlockId; }

    /** All entries so far, in arrival order; the view never changes after it is taken. */
    public synchronized List<StreamEvent.KvBlocks> snapshot() {
        StreamEvent.KvBlocks[] a = entries;
        int n = size;
        return new AbstractList<>() {
            @Override public StreamEvent.KvBlocks get(int i) {
                if (i < 0 || i >= n) throw new IndexOutOfBoundsException(i);
                return a[i];
            }
            @Override public int size() { return n; }
        };
    }
}
