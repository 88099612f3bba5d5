package dev.chronoscope.agent.multiprocess;

import dev.chronoscope.emulator.time.Emulation;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * The sending half of an engine socket in a coordinated run: every write becomes one frame
 * ({@code int length, long virtual send time, bytes}) announced to the coordinator as SENT before
 * it reaches the socket, so that global time cannot move while it travels.
 */
final class AccountedOutputStream extends OutputStream {
    static final int HEADER_BYTES = Integer.BYTES + Long.BYTES;

    private final OutputStream socket;
    private final CoordinatedProcess process;
    private final Emulation emulation;
    private final String channel;
    private long seq;

    AccountedOutputStream(OutputStream socket, CoordinatedProcess process, Emulation emulation, String channel) {
        this.socket = socket;
        this.process = process;
        this.emulation = emulation;
        this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (len == 0) return;
        ByteBuffer frame = ByteBuffer.allocate(HEADER_BYTES + len);
        frame.putInt(len).putLong(sendTime()).put(b, off, len);
        process.sent(channel, seq++);
        socket.write(frame.array());
    }

    /** The sender's virtual time: its emulated thread's, or the emulation's clock elsewhere. */
    private long sendTime() {
        return Emulation.current().map(Emulation::now).orElseGet(emulation::globalTime);
    }

    @Override
    public void flush() throws IOException {
        socket.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
