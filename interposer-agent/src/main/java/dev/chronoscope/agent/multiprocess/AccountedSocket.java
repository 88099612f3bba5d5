package dev.chronoscope.agent.multiprocess;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * What the engine's {@code new Socket(...)} becomes in a coordinated run: a socket whose connecting
 * is a message in flight. A virtual thread whose connect is in progress is woken by the JDK's poller
 * like a reader, so the connecting process reports SENT on {@code connect:<local port>><server port>}
 * before connecting (the socket is bound first to know its port) and RECEIVED itself once the
 * connect returns. Without this, a process whose connect was still in progress and the process that
 * had already accepted it and waits for its first bytes both looked blocked with nothing to wait
 * for: a false deadlock. (The acceptor's own wake-up needs no report: every engine connection is
 * followed at once by a frame from the connecting side, which is accounted.)
 */
public final class AccountedSocket extends Socket {

    public AccountedSocket() {
        super();
    }

    public AccountedSocket(InetAddress address, int port) throws IOException {
        super();
        try {
            connect(new InetSocketAddress(address, port));
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        Optional<CoordinatedProcess> process = CoordinatedProcess.current();
        if (process.isEmpty() || !(endpoint instanceof InetSocketAddress server) || server.isUnresolved()) {
            super.connect(endpoint, timeout);
            return;
        }
        if (!isBound()) bind(new InetSocketAddress(server.getAddress(), 0));
        String channel = "connect:" + getLocalPort() + ">" + server.getPort();
        process.get().sent(channel, 0);
        try {
            super.connect(endpoint, timeout);
        } finally {
            process.get().received(channel, 0);
        }
    }
}
