package dev.chronoscope.agent.control;

import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import dev.chronoscope.emulator.stream.sink.FanOutSink;
import dev.chronoscope.emulator.stream.sink.TcpSink;

import java.time.Duration;

/**
 * The live copy of the stream for a workbench listening on loopback ({@code live=PORT}). The run
 * folder is the record; the live copy is a view of it, so a subscriber that goes away (window
 * closed, app killed) costs the run its live view, never the run itself.
 */
public final class LiveFeed implements EventSink {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private final TcpSink tcp;
    private final int port;
    private boolean lost;

    private LiveFeed(TcpSink tcp, int port) {
        this.tcp = tcp;
        this.port = port;
    }

    /** {@code record} alone when {@code port} is 0; else {@code record} and a live copy to 127.0.0.1:{@code port}. */
    public static EventSink around(EventSink record, int port) {
        if (port == 0) return record;
        return FanOutSink.of(record, new LiveFeed(TcpSink.connect(port, CONNECT_TIMEOUT), port));
    }

    @Override
    public void accept(StreamEvent event) {
        if (!lost) guarded(() -> tcp.accept(event));
    }

    @Override
    public void flush() {
        if (!lost) guarded(tcp::flush);
    }

    @Override
    public void close() {
        if (!lost) guarded(tcp::close);
    }

    private void guarded(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            lost = true;
            System.err.println("chronoscope interposer agent: the live subscriber on 127.0.0.1:" + port
                    + " went away (" + e.getMessage() + "); the run goes on and its folder keeps every event");
        }
    }
}
