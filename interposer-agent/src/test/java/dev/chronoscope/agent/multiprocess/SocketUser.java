package dev.chronoscope.agent.multiprocess;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/** Engine-like code whose calls between processes {@link MultiprocessCallRewriterTest} rewrites. */
public final class SocketUser {
    private SocketUser() {}

    public static Socket unconnected() {
        return new Socket();
    }

    /** Connects to {@code server}, accepts that connection, and returns what the client sees arriving from the server. */
    public static int roundTrip(ServerSocket server) throws IOException {
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            accepted.getOutputStream().write(42);
            InputStream in = client.getInputStream();
            return in.read();
        }
    }

    public static boolean waitBriefly(Process process) throws InterruptedException {
        return process.waitFor(1, TimeUnit.MILLISECONDS);
    }
}
