package dev.chronoscope.emulator.gpu;

import dev.chronoscope.emulator.gpu.net.CollectiveOp;

/**
 * Collectives whose other ranks live in other processes (DESIGN §10): this process reports its own
 * rank's arrival, and whoever hosts the rendezvous (the coordinator) answers when the collective
 * runs. {@link Resolution#resolve} must be called on the emulation's carrier (e.g. through
 * {@code Emulation.scheduleAt}), never from the thread that received the answer.
 */
public interface RemoteCollectives {

    /**
     * @param group      the group's global ranks, in group order (the same array in every process)
     * @param sequence   which collective of the group this is, in the order ranks issue them (as NCCL
     *                   pairs them); streams may reach them in another order
     * @param groupRank  this device's position in {@code group}
     * @param arrival    virtual time at which this rank's stream reached the collective
     */
    void arrive(int[] group, long sequence, CollectiveOp op, long bytes, int groupRank, long arrival, Resolution resolution);

    /**
     * One end of a point-to-point transfer (ncclSend/ncclRecv) between two ranks of communicator
     * {@code group} that live in different processes: it starts when both ends have arrived.
     *
     * @param from     the sender's global rank
     * @param to       the receiver's global rank
     * @param sequence which transfer from {@code from} to {@code to} on this communicator this is, in
     *                 issue order: NCCL pairs the k-th send with the k-th receive of the same pair
     * @param sending  whether this process is the sender's end
     * @param arrival  virtual time at which this end's stream reached the transfer
     */
    void transfer(int[] group, int from, int to, long sequence, long bytes, boolean sending, long arrival, Resolution resolution);

    /** Delivers the collective's virtual start and end once every rank has arrived. */
    interface Resolution {
        void resolve(long start, long end);
    }
}
