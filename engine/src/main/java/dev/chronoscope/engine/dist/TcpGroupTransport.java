package dev.chronoscope.engine.dist;

import dev.chronoscope.engine.device.CollectiveTransport;
import dev.chronoscope.engine.device.DeviceException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A collective group over some ranks of a {@link TcpMesh}. Collectives exchange every member's
 * buffer directly; sends run on their own threads while this thread receives, so large messages
 * cannot deadlock on full socket buffers. Sums are taken in group-rank order, as in-process.
 */
public final class TcpGroupTransport implements CollectiveTransport {
    private final TcpMesh mesh;
    private final int[] worldRanks;
    private final int rank;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

    /** {@code worldRanks[g]} is the world rank of group rank g; this process must be one of them. */
    public TcpGroupTransport(TcpMesh mesh, int[] worldRanks) {
        this.mesh = mesh;
        this.worldRanks = worldRanks.clone();
        int me = -1;
        for (int g = 0; g < worldRanks.length; g++) if (worldRanks[g] == mesh.rank()) me = g;
        if (me < 0) throw new IllegalArgumentException("world rank " + mesh.rank() + " is not in the group");
        this.rank = me;
    }

    @Override public int rank() { return rank; }

    @Override public int size() { return worldRanks.length; }

    @Override
    public void allReduceSum(float[] data, int offset, int count) {
        if (size() == 1) return;
        float[][] parts = exchange(data, offset, count);
        float[] sum = new float[count];
        for (float[] part : parts) for (int i = 0; i < count; i++) sum[i] += part[i];
        System.arraycopy(sum, 0, data, offset, count);
    }

    @Override
    public void allGather(float[] data, int offset, int count, float[] out, int outOffset) {
        float[][] parts = exchange(data, offset, count);
        for (int g = 0; g < parts.length; g++) System.arraycopy(parts[g], 0, out, outOffset + g * count, count);
    }

    /** Every member's buffer, by group rank. */
    private float[][] exchange(float[] data, int offset, int count) {
        List<Future<?>> sends = new ArrayList<>();
        for (int g = 0; g < size(); g++) {
            if (g == rank) continue;
            int peer = worldRanks[g];
            sends.add(senders.submit(() -> mesh.sendFloats(peer, data, offset, count)));
        }
        float[][] parts = new float[size()][];
        for (int g = 0; g < size(); g++) {
            if (g == rank) {
                parts[g] = java.util.Arrays.copyOfRange(data, offset, offset + count);
            } else {
                parts[g] = new float[count];
                mesh.recvFloats(worldRanks[g], parts[g], 0, count);
            }
        }
        for (Future<?> f : sends) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeviceException("collective interrupted", e);
            } catch (ExecutionException e) {
                throw new DeviceException("collective send failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
        return parts;
    }

    @Override
    public void send(int peer, float[] data, int offset, int count) { mesh.sendFloats(worldRanks[peer], data, offset, count); }

    @Override
    public void recv(int peer, float[] data, int offset, int count) { mesh.recvFloats(worldRanks[peer], data, offset, count); }

    @Override
    public void close() { senders.shutdownNow(); }
}
