package dev.chronoscope.emulator.coord.wire;

import java.io.IOException;
import java.io.OutputStream;

/** Writes length-prefixed frames (see {@link FrameReader}); safe for concurrent callers. */
public final class FrameWriter {

    private final OutputStream out;

    public FrameWriter(OutputStream out) {
        this.out = out;
    }

    public synchronized void write(byte[] payload) throws IOException {
        int n = payload.length;
        byte[] frame = new byte[4 + n];
        frame[0] = (byte) (n >>> 24);
        frame[1] = (byte) (n >>> 16);
        frame[2] = (byte) (n >>> 8);
        frame[3] = (byte) n;
        System.arraycopy(payload, 0, frame, 4, n);
        out.write(frame);
        out.flush();
    }
}
