package dev.chronoscope.agent.multiprocess;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * What the engine's {@code new Socket(...)} becomes in a coordinated run: a socket whose connection
 * is a message. Opening a connection wakes the accepting process through the JDK's poller like any
 * message does, so it is announced as SENT on {@code connect:<local port>><server port>} before it
 * is made (the socket is bound first to know its port), and the acceptor reports it RECEIVED
 * ({@link SocketHooks#accept}). Without this a process waiting to accept, and one whose connect is
 * still in progress, would both look blocked with nothing to wait for.
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
        if (process.isPresent() && endpoint instanceof InetSocketAddress server && !server.isUnresolved()) {
            if (!isBound()) bind(new InetSocketAddress(server.getAddress(), 0));
            process.get().sent(SocketHooks.connectionChannel(getLocalPort(), server.getPort()), 0);
        }
        super.connect(endpoint, timeout);
    }
}
