package dev.chronoscope.emulator.coord;

import dev.chronoscope.emulator.coord.wire.FrameReader;
import dev.chronoscope.emulator.coord.wire.FrameWriter;
import dev.chronoscope.emulator.coord.wire.Message;
import dev.chronoscope.emulator.coord.wire.MessageCodec;
import dev.chronoscope.emulator.coord.wire.MessageType;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;

/** A hand-driven protocol peer for tests: sends exactly the frames (or bytes) it is told to, nothing else. */
final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final FrameWriter writer;
    private final FrameReader reader;

    RawClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        writer = new FrameWriter(socket.getOutputStream());
        reader = new FrameReader(socket.getInputStream(), 1 << 20);
    }

    void send(Message message) throws IOException {
        writer.write(MessageCodec.encode(message));
    }

    void sendPayload(byte[] payload) throws IOException {
        writer.write(payload);
    }

    void sendRaw(byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    Message hello(String token, String name, long pid, int id) throws IOException, Exception {
        send(new Message.Hello(List.of(1), token, name, pid, id));
        return next();
    }

    /** The next frame other than HEARTBEAT, or null if the coordinator closed the connection. */
    Message next() throws Exception {
        while (true) {
            byte[] payload = reader.read();
            if (payload == null) {
                return null;
            }
            Message message = MessageCodec.decode(payload);
            if (message.type() != MessageType.HEARTBEAT) {
                return message;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
