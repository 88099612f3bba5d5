package dev.chronoscope.agent.multiprocess;

import dev.chronoscope.agent.run.EmulationSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What the engine's socket and process calls become in a coordinated run ({@link MultiprocessCallRewriter}):
 * connections and socket streams that account every message to the coordinator, and a wait for a worker JVM that
 * ends when the worker really exited (never a virtual-time timeout that would kill a worker still
 * writing its run folder). Outside a coordinated run they are the
 * original calls.
 */
public final class SocketHooks {
    /** One pair of accounted streams per socket: the engine may ask a socket for its stream twice. */
    private static final Map<Socket, InputStream> INPUTS = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Map<Socket, OutputStream> OUTPUTS = Collections.synchronizedMap(new WeakHashMap<>());

    private SocketHooks() {}

    public static InputStream getInputStream(Socket socket) throws IOException {
        Optional<CoordinatedProcess> process = CoordinatedProcess.current();
        if (process.isEmpty()) return socket.getInputStream();
        InputStream raw = socket.getInputStream();
        return INPUTS.computeIfAbsent(socket, s -> new AccountedInputStream(raw, process.get(),
                channel(s.getPort(), s.getLocalPort())));
    }

    public static OutputStream getOutputStream(Socket socket) throws IOException {
        Optional<CoordinatedProcess> process = CoordinatedProcess.current();
        if (process.isEmpty()) return socket.getOutputStream();
        OutputStream raw = socket.getOutputStream();
        return OUTPUTS.computeIfAbsent(socket, s -> new AccountedOutputStream(raw, process.get(),
                EmulationSession.current().emulation(), channel(s.getLocalPort(), s.getPort())));
    }

    /** Both ends of a loopback connection name it the same way: sender's port, then receiver's. */
    static String channel(int fromPort, int toPort) {
        return "tcp:" + fromPort + ">" + toPort;
    }

    public static boolean waitFor(Process process, long timeout, TimeUnit unit) throws InterruptedException {
        Optional<CoordinatedProcess> coordinated = CoordinatedProcess.current();
        if (coordinated.isEmpty()) return process.waitFor(timeout, unit);
        coordinated.get().awaitExit(process);
        return true;
    }
}
