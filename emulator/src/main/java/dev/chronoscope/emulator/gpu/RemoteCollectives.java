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

    /** Delivers the collective's virtual start and end once every rank has arrived. */
    interface Resolution {
        void resolve(long start, long end);
    }
}
