package dev.chronoscope.engine.dist;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * A full mesh of loopback TCP connections between the ranks of a world: rank {@code i} connects
 * to every lower rank and accepts every higher one. Messages are little-endian float arrays
 * preceded by their length.
 */
public final class TcpMesh implements AutoCloseable {
    private final int rank;
    private final Socket[] sockets;
    private final DataInputStream[] in;
    private final DataOutputStream[] out;

    private TcpMesh(int rank, int size) {
        this.rank = rank;
        this.sockets = new Socket[size];
        this.in = new DataInputStream[size];
        this.out = new DataOutputStream[size];
    }

    /** A server socket on a free loopback port, to advertise before {@link #connect}. */
    public static ServerSocket listen() throws IOException {
        return new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    }

    /** Builds this rank's connections; {@code ports.get(r)} is rank r's listening port. */
    public static TcpMesh connect(int rank, ServerSocket own, List<Integer> ports) throws IOException {
        int size = ports.size();
        TcpMesh mesh = new TcpMesh(rank, size);
        for (int peer = 0; peer < rank; peer++) {
            Socket s = new Socket();
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), ports.get(peer)), 30_000);
            mesh.attach(peer, s);
            mesh.out[peer].writeInt(rank);
            mesh.out[peer].flush();
        }
        for (int accepted = rank + 1; accepted < size; accepted++) {
            Socket s = own.accept();
            int peer = new DataInputStream(s.getInputStream()).readInt();
            if (peer <= rank || peer >= size || mesh.sockets[peer] != null) {
                s.close();
                throw new IOException("rank " + rank + ": unexpected connection from rank " + peer);
            }
            mesh.attach(peer, s);
        }
        return mesh;
    }

    private void attach(int peer, Socket s) throws IOException {
        s.setTcpNoDelay(true);
        sockets[peer] = s;
        in[peer] = new DataInputStream(new BufferedInputStream(s.getInputStream(), 1 << 16));
        out[peer] = new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), 1 << 16));
    }

    public int rank() { return rank; }

    public int size() { return sockets.length; }

    void sendFloats(int peer, float[] data, int offset, int count) {
        try {
            ByteBuffer bytes = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(data, offset, count);
            out[peer].writeInt(count);
            out[peer].write(bytes.array());
            out[peer].flush();
        } catch (IOException e) {
            throw new UncheckedIOException("rank " + rank + ": send to rank " + peer + " failed", e);
        }
    }

    void recvFloats(int peer, float[] data, int offset, int count) {
        try {
            int n = in[peer].readInt();
            if (n != count) throw new IOException("expected " + count + " elements from rank " + peer + ", got " + n);
            byte[] bytes = new byte[count * 4];
            in[peer].readFully(bytes);
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data, offset, count);
        } catch (IOException e) {
            throw new UncheckedIOException("rank " + rank + ": receive from rank " + peer + " failed", e);
        }
    }

    @Override
    public void close() {
        for (Socket s : sockets) {
            if (s == null) continue;
            try {
                s.close();
            } catch (IOException ignored) {
                // closing a connection whose peer has gone already
            }
        }
    }
}
