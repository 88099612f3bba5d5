package dev.chronoscope.agent.multiprocess;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Optional;

import dev.chronoscope.emulator.time.Emulation;

/**
 * The receiving half of an engine socket in a coordinated run: reads whole frames written by
 * {@link AccountedOutputStream}, reports each as RECEIVED once all its bytes are here, and lets the
 * reading emulated thread continue no earlier than the frame's virtual send time, as a thread woken
 * by another thread of the same process would.
 */
final class AccountedInputStream extends InputStream {
    private final DataInputStream socket;
    private final CoordinatedProcess process;
    private final String channel;
    private long seq;
    private byte[] frame = new byte[0];
    private int position;

    AccountedInputStream(InputStream socket, CoordinatedProcess process, String channel) {
        this.socket = new DataInputStream(socket);
        this.process = process;
        this.channel = channel;
    }

    @Override
    public synchronized int read() throws IOException {
        if (!fill()) return -1;
        return frame[position++] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (!fill()) return -1;
        int n = Math.min(len, frame.length - position);
        System.arraycopy(frame, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return frame.length - position;
    }

    /** Makes sure unread bytes are buffered; false at the end of the stream. */
    private boolean fill() throws IOException {
        if (position < frame.length) return true;
        int length;
        try {
            length = socket.readInt();
        } catch (EOFException e) {
            return false;
        }
        long sendTime = socket.readLong();
        if (length <= 0) throw new IOException(channel + ": frame " + seq + " has length " + length + " (expected > 0)");
        byte[] bytes = new byte[length];
        socket.readFully(bytes);
        frame = bytes;
        position = 0;
        process.receivedAt(channel, seq++, sendTime);
        waitUntil(sendTime);
        return true;
    }

    private static void waitUntil(long sendTime) throws IOException {
        Optional<Emulation> emulation = Emulation.current();
        if (emulation.isEmpty() || emulation.get().now() >= sendTime) return;
        try {
            emulation.get().sleepUntil(sendTime);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for virtual time " + sendTime);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
