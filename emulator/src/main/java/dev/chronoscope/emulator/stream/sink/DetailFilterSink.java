package dev.chronoscope.emulator.stream.sink;

import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent;

import java.util.HashMap;
import java.util.Map;

/**
 * Passes events on at a {@link LiveDetail}: kernel events are dropped or sampled (the first of each
 * n per rank and stream, so every stream stays visible), everything else passes unchanged.
 */
public final class DetailFilterSink implements EventSink {
    private final EventSink next;
    private final int kernelEvery;
    private final Map<Long, long[]> seenPerStream = new HashMap<>();

    public DetailFilterSink(LiveDetail detail, EventSink next) {
        this.next = next;
        this.kernelEvery = detail.kernelEvery();
    }

    @Override
    public void accept(StreamEvent event) {
        if (event instanceof StreamEvent.Kernel k && kernelEvery != 1) {
            if (kernelEvery == 0) return;
            long key = ((long) k.rank() << 32) | (k.stream() & 0xFFFFFFFFL);
            long[] seen = seenPerStream.computeIfAbsent(key, x -> new long[1]);
            if (seen[0]++ % kernelEvery != 0) return;
        }
        next.accept(event);
    }

    @Override
    public void flush() {
        next.flush();
    }

    @Override
    public void close() {
        next.close();
    }
}
