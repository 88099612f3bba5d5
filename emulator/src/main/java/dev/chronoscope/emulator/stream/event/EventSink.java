package dev.chronoscope.emulator.stream.event;

/**
 * Where the emulator sends interposer-stream events: a file, a loopback socket, an in-memory
 * store, or several at once. Implementations must accept events from the emulator's one running
 * thread at a time; {@link #close()} flushes and releases.
 */
public interface EventSink extends AutoCloseable {

    void accept(StreamEvent event);

    /** Flushes buffered events to their destination. */
    default void flush() {}

    @Override
    default void close() {}

    /** A sink that drops everything. */
    EventSink NONE = event -> {};
}
