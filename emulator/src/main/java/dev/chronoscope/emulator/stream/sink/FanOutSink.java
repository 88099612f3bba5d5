package dev.chronoscope.emulator.stream.sink;

import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent;

import java.util.List;

/** Sends every event to several sinks in order; closes them all even when one fails. */
public final class FanOutSink implements EventSink {
    private final List<EventSink> sinks;

    public FanOutSink(List<? extends EventSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    public static FanOutSink of(EventSink... sinks) {
        return new FanOutSink(List.of(sinks));
    }

    @Override
    public void accept(StreamEvent event) {
        for (EventSink s : sinks) s.accept(event);
    }

    @Override
    public void flush() {
        for (EventSink s : sinks) s.flush();
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (EventSink s : sinks) {
            try {
                s.close();
            } catch (RuntimeException e) {
                if (failure == null) failure = e; else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
    }
}
