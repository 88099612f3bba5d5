package dev.chronoscope.emulator.coord.server;

import dev.chronoscope.emulator.coord.wire.FrameReader;
import dev.chronoscope.emulator.coord.wire.FrameWriter;
import dev.chronoscope.emulator.coord.wire.Message;
import dev.chronoscope.emulator.coord.wire.MessageCodec;
import dev.chronoscope.emulator.coord.wire.ProtocolException;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One client connection: reads and decodes frames on its own thread and reports them, or the way the
 * connection broke, to {@link Events}; writes frames in order on a separate writer so that the
 * coordinator never blocks on a slow peer.
 */
final class ClientSession {

    /** What a session reports; called from the session's reader thread. */
    interface Events {
        void onMessage(ClientSession session, Message message) throws ProtocolException;

        void onBadFrame(ClientSession session, String problem);

        void onSilence(ClientSession session);

        void onDisconnect(ClientSession session, String how);
    }

    private final Socket socket;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final Events events;
    private final ExecutorService outbound = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("coord-writer").factory());
    private volatile boolean closing;
    private int clientId = -1;

    ClientSession(Socket socket, int maxFrameBytes, Events events) throws IOException {
        this.socket = socket;
        this.reader = new FrameReader(socket.getInputStream(), maxFrameBytes);
        this.writer = new FrameWriter(socket.getOutputStream());
        this.events = events;
    }

    /** The registered client's id, or -1 before WELCOME. Guarded by the coordinator's lock. */
    int clientId() {
        return clientId;
    }

    void registeredAs(int id) {
        clientId = id;
    }

    void start(String threadName) {
        Thread.ofPlatform().daemon().name(threadName).start(this::readLoop);
    }

    private void readLoop() {
        try {
            while (!closing) {
                byte[] payload = reader.read();
                if (payload == null) {
                    events.onDisconnect(this, "closed the connection");
                    return;
                }
                String frame = "frame " + reader.framesRead();
                Message message;
                try {
                    message = MessageCodec.decode(payload);
                } catch (ProtocolException e) {
                    events.onBadFrame(this, frame + ": " + e.getMessage());
                    return;
                }
                if (!message.type().sentByClients()) {
                    events.onBadFrame(this, frame + ": " + message.type() + " is sent by the coordinator, not by clients");
                    return;
                }
                try {
                    events.onMessage(this, message);
                } catch (ProtocolException e) {
                    events.onBadFrame(this, frame + ": " + e.getMessage());
                    return;
                }
            }
        } catch (SocketTimeoutException e) {
            events.onSilence(this);
        } catch (ProtocolException e) {
            events.onBadFrame(this, e.getMessage());
        } catch (IOException e) {
            if (!closing) {
                events.onDisconnect(this, "lost the connection (" + e.getMessage() + ")");
            }
        }
    }

    /** Queues a frame; write failures surface as a disconnect on the reader side. */
    synchronized void send(Message message) {
        if (outbound.isShutdown()) {
            return;
        }
        byte[] payload = MessageCodec.encode(message);
        outbound.execute(() -> {
            try {
                writer.write(payload);
            } catch (IOException ignored) {
                // The reader thread reports the broken connection.
            }
        });
    }

    /** Closes once every queued frame has been written. */
    synchronized void closeAfterFlush() {
        if (outbound.isShutdown()) {
            return;
        }
        closing = true;
        outbound.execute(this::closeSocket);
        outbound.shutdown();
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is best effort: the peer is gone either way.
        }
    }
}
