package dev.chronoscope.emulator.gpu;

import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent;

import java.util.ArrayList;
import java.util.List;

/** Keeps every event, for assertions on exact timelines. */
final class RecordingSink implements EventSink {
    private final List<StreamEvent> events = new ArrayList<>();

    @Override public synchronized void accept(StreamEvent event) { events.add(event); }

    synchronized <T extends StreamEvent> List<T> of(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    synchronized List<StreamEvent> all() { return List.copyOf(events); }
}
