package dev.chronoscope.emulator.stream.sink;

import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent;

import java.util.ArrayList;
import java.util.List;

/** Keeps every event in memory, in arrival order; safe to read from another thread while written. */
public final class InMemorySink implements EventSink {
    private final List<StreamEvent> events = new ArrayList<>();

    @Override
    public synchronized void accept(StreamEvent event) {
        events.add(event);
    }

    /** A copy of the events received so far. */
    public synchronized List<StreamEvent> events() {
        return List.copyOf(events);
    }

    public synchronized int size() {
        return events.size();
    }
}
