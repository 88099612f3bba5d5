package dev.chronoscope.emulator.stream.sink;

import dev.chronoscope.emulator.stream.codec.StreamReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The subscriber side of live streaming: listens on a loopback port, tells each producer that
 * connects which {@link LiveDetail} it wants, and hands the decoded events to a listener.
 */
public final class StreamServer implements AutoCloseable {
    private final ServerSocket server;
    private final LiveDetail detail;
    private final StreamListener listener;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closing;

    private StreamServer(ServerSocket server, LiveDetail detail, StreamListener listener) {
        this.server = server;
        this.detail = detail;
        this.listener = listener;
        this.acceptor = Thread.ofPlatform().daemon().name("stream-server-" + server.getLocalPort()).start(this::acceptLoop);
    }

    /** Listens on 127.0.0.1 at an ephemeral port (see {@link #port()}). */
    public static StreamServer start(LiveDetail detail, StreamListener listener) {
        return start(0, detail, listener);
    }

    public static StreamServer start(int port, LiveDetail detail, StreamListener listener) {
        try {
            return new StreamServer(new ServerSocket(port, 50, InetAddress.getLoopbackAddress()), detail, listener);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    public int port() { return server.getLocalPort(); }

    private void acceptLoop() {
        while (!closing) {
            try {
                Socket s = server.accept();
                connections.add(s);
                String source = s.getInetAddress().getHostAddress() + ":" + s.getPort();
                Thread.ofPlatform().daemon().name("stream-connection-" + source).start(() -> serve(s, source));
            } catch (IOException e) {
                if (!closing) listener.onError("127.0.0.1:" + port(), new UncheckedIOException(e));
                return;
            }
        }
    }

    private void serve(Socket socket, String source) {
        try (socket) {
            Subscription.write(socket.getOutputStream(), detail);
            try (StreamReader reader = StreamReader.of(socket.getInputStream(), source)) {
                while (reader.hasNext()) listener.onEvent(source, reader.next());
            }
            listener.onEnd(source);
        } catch (IOException e) {
            if (!closing) listener.onError(source, new UncheckedIOException(e));
        } catch (RuntimeException e) {
            if (!closing) listener.onError(source, e);
        } finally {
            connections.remove(socket);
        }
    }

    /** Stops listening and drops open connections (their producers see a closed socket). */
    @Override
    public void close() {
        closing = true;
        try {
            server.close();
            for (Socket s : connections) s.close();
            acceptor.join();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
