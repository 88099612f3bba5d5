package dev.chronoscope.engine.dist;

import dev.chronoscope.engine.device.CollectiveTransport;
import dev.chronoscope.engine.device.DeviceException;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A collective group whose ranks are threads of this process: ranks publish their buffers, meet at
 * a barrier, and each computes the rank-ordered sum itself, so every rank gets the same bits.
 * {@link #abort()} releases every waiting rank with an error when one of them has failed.
 */
public final class InProcessGroup {
    private final int size;
    private final CyclicBarrier barrier;
    private final float[][] buffers;
    private final int[] offsets;
    private final LinkedBlockingQueue<float[]>[][] channels;
    /** Put into every channel by {@link #abort()} to wake a waiting receiver. */
    private static final float[] POISON = new float[0];

    @SuppressWarnings("unchecked")
    public InProcessGroup(int size) {
        this.size = size;
        this.barrier = new CyclicBarrier(size);
        this.buffers = new float[size][];
        this.offsets = new int[size];
        this.channels = new LinkedBlockingQueue[size][size];
        for (int i = 0; i < size; i++) for (int j = 0; j < size; j++) channels[i][j] = new LinkedBlockingQueue<>();
    }

    public CollectiveTransport transport(int rank) {
        if (rank < 0 || rank >= size) throw new IllegalArgumentException("rank " + rank + " of " + size);
        return new Member(rank);
    }

    public void abort() {
        barrier.reset();
        for (LinkedBlockingQueue<float[]>[] row : channels) for (LinkedBlockingQueue<float[]> channel : row) channel.add(POISON);
    }

    private void await() {
        try {
            barrier.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceException("collective interrupted", e);
        } catch (BrokenBarrierException e) {
            throw new DeviceException("collective group aborted: another rank failed", e);
        }
    }

    private final class Member implements CollectiveTransport {
        private final int rank;

        Member(int rank) { this.rank = rank; }

        @Override public int rank() { return rank; }

        @Override public int size() { return size; }

        @Override
        public void allReduceSum(float[] data, int offset, int count) {
            if (size == 1) return;
            buffers[rank] = data;
            offsets[rank] = offset;
            await();
            float[] sum = new float[count];
            for (int r = 0; r < size; r++) {
                float[] b = buffers[r];
                int o = offsets[r];
                for (int i = 0; i < count; i++) sum[i] += b[o + i];
            }
            await();
            System.arraycopy(sum, 0, data, offset, count);
        }

        @Override
        public void allGather(float[] data, int offset, int count, float[] out, int outOffset) {
            buffers[rank] = data;
            offsets[rank] = offset;
            await();
            for (int r = 0; r < size; r++) System.arraycopy(buffers[r], offsets[r], out, outOffset + r * count, count);
            await();
        }

        @Override
        public void send(int peer, float[] data, int offset, int count) {
            channels[rank][peer].add(java.util.Arrays.copyOfRange(data, offset, offset + count));
        }

        @Override
        public void recv(int peer, float[] data, int offset, int count) {
            try {
                float[] message = channels[peer][rank].take();
                if (message == POISON) {
                    channels[peer][rank].add(POISON);
                    throw new DeviceException("collective group aborted while rank " + rank + " waited on rank " + peer);
                }
                if (message.length != count) {
                    throw new DeviceException("recv of " + count + " elements matched a send of " + message.length);
                }
                System.arraycopy(message, 0, data, offset, count);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeviceException("recv interrupted", e);
            }
        }

        @Override
        public void close() { }
    }
}
