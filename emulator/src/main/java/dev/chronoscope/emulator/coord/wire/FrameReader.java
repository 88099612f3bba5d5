package dev.chronoscope.emulator.coord.wire;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads length-prefixed frames: a 4-byte big-endian unsigned length, then that many bytes of
 * UTF-8 JSON. Counts frames from 1 so that errors can name the offending one.
 */
public final class FrameReader {

    private final DataInputStream in;
    private final int maxFrameBytes;
    private long framesRead;

    public FrameReader(InputStream in, int maxFrameBytes) {
        this.in = new DataInputStream(in);
        this.maxFrameBytes = maxFrameBytes;
    }

    /** The next frame's payload, or {@code null} when the peer closed the connection between frames. */
    public byte[] read() throws IOException, ProtocolException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        long frame = ++framesRead;
        long length;
        try {
            length = ((long) first << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedShort());
        } catch (EOFException e) {
            throw new EOFException("connection closed inside the length prefix of frame " + frame);
        }
        if (length == 0 || length > maxFrameBytes) {
            throw new ProtocolException("frame " + frame + ": length " + length
                    + " bytes is outside 1.." + maxFrameBytes + " (the 4-byte big-endian length prefix)");
        }
        byte[] payload = new byte[(int) length];
        try {
            in.readFully(payload);
        } catch (EOFException e) {
            throw new EOFException("connection closed inside frame " + frame + " (expected " + length + " bytes)");
        }
        return payload;
    }

    /** Number of the frame most recently started (1-based). */
    public long framesRead() {
        return framesRead;
    }
}
