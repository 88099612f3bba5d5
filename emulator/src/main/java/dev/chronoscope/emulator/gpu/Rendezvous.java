package dev.chronoscope.emulator.gpu;

import dev.chronoscope.emulator.gpu.net.CollectiveOp;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * One collective instance: which ranks take part, when each one's stream reached it, and, once the
 * last has arrived, when it starts and ends. Guarded by the cluster lock.
 */
final class Rendezvous {
    final CollectiveOp op;
    final long bytes;
    /** Global ranks, by slot. */
    final int[] ranks;
    final long[] arrivals;
    /** Named only when a caller disagrees: building the name for every collective cost more than the collective. */
    private final Supplier<String> label;
    /**
     * The k of "the k-th collective issued on the communicator", or for a send/recv of "the k-th
     * transfer from this sender to this receiver" (issue order, not arrival order).
     */
    long sequence = -1;
    private int arrivedCount;
    boolean resolved;
    long start;
    long end;

    Rendezvous(CollectiveOp op, long bytes, int[] ranks, Supplier<String> label) {
        this.op = op;
        this.bytes = bytes;
        this.ranks = ranks;
        this.arrivals = new long[ranks.length];
        Arrays.fill(arrivals, -1);
        this.label = label;
    }

    /** @return true when this arrival was the last one */
    boolean arrive(int slot, long time) {
        arrivals[slot] = time;
        return ++arrivedCount == ranks.length;
    }

    long lastArrival() {
        long last = Long.MIN_VALUE;
        for (long a : arrivals) last = Math.max(last, a);
        return last;
    }

    /** Every caller of one collective must agree on what it is, as NCCL requires. */
    void requireSame(CollectiveOp otherOp, long otherBytes, int callerRank) {
        if (otherOp != op || otherBytes != bytes) {
            throw new IllegalStateException(label.get() + ": rank " + callerRank + " called " + otherOp.kernelName() + " of " + otherBytes
                    + " bytes, but it was started as " + op.kernelName() + " of " + bytes + " bytes");
        }
    }
}
