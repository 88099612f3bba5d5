package dev.chronoscope.emulator.stream.sink;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The subscriber's first message on a stream connection (docs/protocol.md §TCP): magic "CHSB",
 * u16 version, u32 kernelEvery, all big-endian. The producer then sends a binary stream filtered
 * to that {@link LiveDetail}.
 */
final class Subscription {
    static final byte[] MAGIC = "CHSB".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;

    private Subscription() {}

    static void write(OutputStream out, LiveDetail detail) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.write(MAGIC);
        d.writeShort(VERSION);
        d.writeInt(detail.kernelEvery());
        d.flush();
    }

    static LiveDetail read(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        byte[] magic = new byte[MAGIC.length];
        try {
            d.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) throw new IOException("stream subscriber sent " + Arrays.toString(magic) + ", expected magic \"CHSB\"");
            int version = d.readUnsignedShort();
            if (version != VERSION) throw new IOException("stream subscriber speaks subscription version " + version + ", expected " + VERSION);
            int every = d.readInt();
            if (every < 0) throw new IOException("stream subscriber asked for kernelEvery " + every + ", expected >= 0");
            return new LiveDetail(every);
        } catch (EOFException e) {
            throw new IOException("stream subscriber closed the connection before sending its subscription", e);
        }
    }
}
