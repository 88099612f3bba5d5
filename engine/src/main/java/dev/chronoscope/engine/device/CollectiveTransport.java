package dev.chronoscope.engine.device;

/**
 * The network beneath a communicator (NCCL's transport layer): moves float data between the ranks
 * of one group. Implementations: threads of one process, or processes over loopback TCP.
 * Results are identical on every rank: sums are taken in rank order.
 */
public interface CollectiveTransport extends AutoCloseable {

    int rank();

    int size();

    /** Element-wise sum across ranks of {@code data[offset, offset+count)}, in place. */
    void allReduceSum(float[] data, int offset, int count);

    /** Concatenates every rank's {@code count} elements, in rank order, into {@code out[outOffset...]}. */
    void allGather(float[] data, int offset, int count, float[] out, int outOffset);

    void send(int peer, float[] data, int offset, int count);

    void recv(int peer, float[] data, int offset, int count);

    @Override
    void close();
}
