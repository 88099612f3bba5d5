package dev.chronoscope.emulator.stream.sink;

import dev.chronoscope.emulator.stream.event.StreamEvent;

/**
 * Receives the events of live stream connections. Each connection calls it from its own thread,
 * in stream order; with several producers connected, calls for different sources interleave.
 * {@code source} names the connection (e.g. "127.0.0.1:53122").
 */
public interface StreamListener {

    void onEvent(String source, StreamEvent event);

    /** The producer closed its stream cleanly (the end frame arrived and matched). */
    default void onEnd(String source) {}

    /** The connection failed: a truncated or corrupt stream, or a network error. */
    default void onError(String source, RuntimeException error) {}
}
