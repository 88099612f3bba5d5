package dev.chronoscope.emulator.stream.sink;

import dev.chronoscope.emulator.stream.codec.BinaryEventWriter;
import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * Sends the stream live to a subscriber listening on loopback ({@link StreamServer}): connects,
 * reads the subscriber's {@link LiveDetail}, then writes the binary encoding filtered to it.
 * Buffered events go out on {@link #flush()} and at every scheduler step or metrics snapshot, so
 * a live view is at most one engine step behind. {@link #close()} sends the end frame.
 */
public final class TcpSink implements EventSink {
    private final Socket socket;
    private final LiveDetail detail;
    private final EventSink out;

    private TcpSink(Socket socket, LiveDetail detail, EventSink out) {
        this.socket = socket;
        this.detail = detail;
        this.out = out;
    }

    /** Connects to 127.0.0.1:{@code port}; fails if the subscriber does not answer within {@code timeout}. */
    public static TcpSink connect(int port, Duration timeout) {
        Socket socket = new Socket();
        try {
            int millis = (int) Math.max(1, timeout.toMillis());
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), millis);
            socket.setSoTimeout(millis);
            LiveDetail detail = Subscription.read(socket.getInputStream());
            socket.setSoTimeout(0);
            socket.setTcpNoDelay(true);
            EventSink writer = new BinaryEventWriter(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
            return new TcpSink(socket, detail, new DetailFilterSink(detail, writer));
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("cannot stream to 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    /** The level of detail the subscriber asked for. */
    public LiveDetail detail() { return detail; }

    @Override
    public void accept(StreamEvent event) {
        out.accept(event);
        if (event instanceof StreamEvent.SchedulerStep || event instanceof StreamEvent.MetricsSnapshot) out.flush();
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        try (socket) {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
