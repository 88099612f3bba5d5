package dev.chronoscope.emulator.gpu;

import dev.chronoscope.emulator.gpu.net.CollectiveOp;
import dev.chronoscope.emulator.gpu.net.GroupLayout;
import dev.chronoscope.emulator.models.Prediction;
import dev.chronoscope.emulator.stream.event.StreamEvent;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A group of ranks that run collectives together (ncclComm_t). As in NCCL, the k-th collective a
 * rank issues on the communicator meets the k-th of every other rank, and the k-th send from a to
 * b meets the k-th receive at b from a. A collective starts when the last rank's stream reaches
 * it and lasts what the network model predicts; until then work behind it on every stream waits.
 */
public final class Communicator {
    private final VirtualCluster cluster;
    private final VirtualDevice[] members;
    private final int[] ranks;
    /** Null when every member is in this process; otherwise how the ranks elsewhere are met. */
    private final RemoteCollectives remote;
    private final GroupLayout layout;
    private final long[] issued;
    private final Map<Long, Rendezvous> openCollectives = new HashMap<>();
    private final Map<PairKey, Long> sent = new HashMap<>();
    private final Map<PairKey, Long> received = new HashMap<>();
    private final Map<PairSequence, Rendezvous> openTransfers = new HashMap<>();

    private record PairKey(int from, int to) {}

    private record PairSequence(int from, int to, long sequence) {}

    Communicator(VirtualCluster cluster, VirtualDevice[] members) {
        this(cluster, members, Arrays.stream(members).mapToInt(VirtualDevice::rank).toArray(), null);
    }

    /** A group whose {@code groupRanks} include ranks of other processes; {@code members} are the local ones. */
    Communicator(VirtualCluster cluster, VirtualDevice[] members, int[] groupRanks, RemoteCollectives remote) {
        this.cluster = cluster;
        this.members = members;
        this.ranks = groupRanks;
        this.remote = remote;
        this.layout = GroupLayout.of(ranks, cluster.spec().interconnect().devicesPerNode());
        this.issued = new long[groupRanks.length];
    }

    /** Global ranks of the members, in communicator order. */
    public int[] ranks() { return ranks.clone(); }

    /** ncclAllReduce of a {@code bytes}-byte buffer. */
    public void allReduce(VirtualStream stream, long bytes) { issue(stream, CollectiveOp.ALL_REDUCE, bytes, null); }

    /** ncclAllGather; {@code bytes} is the gathered (output) size. */
    public void allGather(VirtualStream stream, long bytes) { issue(stream, CollectiveOp.ALL_GATHER, bytes, null); }

    /** ncclSend of {@code bytes} to global rank {@code peerRank}. */
    public void send(VirtualStream stream, long bytes, int peerRank) {
        issue(stream, CollectiveOp.SEND_RECV, bytes, new Peer(true, peerRank));
    }

    /** ncclRecv of {@code bytes} from global rank {@code peerRank}. */
    public void recv(VirtualStream stream, long bytes, int peerRank) {
        issue(stream, CollectiveOp.SEND_RECV, bytes, new Peer(false, peerRank));
    }

    /** The other end of a send or receive; null for group collectives. */
    record Peer(boolean sending, int rank) {}

    private void issue(VirtualStream stream, CollectiveOp op, long bytes, Peer peer) {
        if (stream == null) throw new CudaException(CudaError.cudaErrorInvalidResourceHandle, op.kernelName() + ": no stream given (null)");
        cluster.lock.lock();
        try {
            stream.device.requireUsable(stream);
            if (bytes < 0) {
                throw new CudaException(CudaError.cudaErrorInvalidValue, op.kernelName() + " on " + stream.describe()
                        + ": size must be ≥ 0 bytes but was " + bytes);
            }
            slotOf(stream.device);
            if (peer != null) slotOfRank(peer.rank());
            if (stream.capturing()) {
                stream.capture.add(new GraphNode.Collective(this, op, bytes, peer));
                return;
            }
            submit(stream, op, bytes, peer, cluster.clock.now());
            cluster.drainIfUnblocked();
        } finally {
            cluster.lock.unlock();
        }
    }

    /**
     * Joins the next matching collective and queues this rank's step on the stream.
     */
    void submit(VirtualStream stream, CollectiveOp op, long bytes, Peer peer, long hostTime) {
        int me = stream.device.rank();
        Rendezvous r;
        int slot;
        // Check before counting, so that a mismatched call leaves every sequence as it was.
        if (peer == null) {
            slot = slotOf(stream.device);
            long sequence = issued[slot];
            r = openCollectives.computeIfAbsent(sequence, s -> {
                Rendezvous opened = new Rendezvous(op, bytes, ranks, () -> op.kernelName() + " #" + s + " on communicator " + Arrays.toString(ranks));
                opened.sequence = s;
                return opened;
            });
            r.requireSame(op, bytes, me);
            issued[slot]++;
        } else {
            boolean sending = peer.sending();
            int from = sending ? me : peer.rank();
            int to = sending ? peer.rank() : me;
            PairKey pair = new PairKey(from, to);
            Map<PairKey, Long> counts = sending ? sent : received;
            long sequence = counts.getOrDefault(pair, 0L);
            r = openTransfers.computeIfAbsent(new PairSequence(from, to, sequence), k -> {
                Rendezvous opened = new Rendezvous(op, bytes, new int[]{from, to},
                        () -> "send_recv #" + k.sequence() + " from rank " + from + " to rank " + to);
                opened.sequence = k.sequence();
                return opened;
            });
            r.requireSame(op, bytes, me);
            counts.put(pair, sequence + 1);
            slot = sending ? 0 : 1;
        }
        stream.device.placement.submit(stream, new StreamOp.CollectiveStep(hostTime, this, r, slot));
    }

    /**
     * Advances one rank's step: arrives when its stream reaches it, and resolves the collective
     * when that arrival is the last. Returns whether the step is done (the collective has ended
     * on this stream's timeline).
     */
    boolean advance(VirtualStream stream, StreamOp.CollectiveStep step) {
        Rendezvous r = step.rendezvous;
        if (!step.arrived) {
            step.arrived = true;
            long arrival = Math.max(step.hostTime + cluster.launchLatencyNanos, stream.tail);
            if (remote != null) {
                r.arrive(step.slot, arrival);
                RemoteCollectives.Resolution resolution = (start, end) -> resolveRemote(r, start, end);
                if (r.ranks == ranks) {
                    remote.arrive(ranks.clone(), r.sequence, r.op, r.bytes, step.slot, arrival, resolution);
                } else {
                    remote.transfer(ranks.clone(), r.ranks[0], r.ranks[1], r.sequence, r.bytes, step.slot == 0, arrival, resolution);
                }
            } else if (r.arrive(step.slot, arrival)) {
                resolve(r);
            }
        }
        if (!r.resolved) return false;
        stream.tail = Math.max(stream.tail, r.end);
        return true;
    }

    private void resolve(Rendezvous r) {
        GroupLayout groupLayout = r.ranks.length == ranks.length ? layout
                : GroupLayout.of(r.ranks, cluster.spec().interconnect().devicesPerNode());
        Prediction p = cluster.network.predict(r.op, r.bytes, groupLayout);
        r.start = r.lastArrival();
        r.end = r.start + p.durationNanos();
        r.resolved = true;
        forget(r);
        cluster.emit(new StreamEvent.Collective(r.start, r.end, r.op.kernelName(), r.bytes, r.ranks.clone(), r.arrivals.clone()));
        cluster.markUnblocked();
    }

    /** The coordinator's answer for a collective with ranks elsewhere: runs on the carrier. */
    private void resolveRemote(Rendezvous r, long start, long end) {
        cluster.lock.lock();
        try {
            r.start = start;
            r.end = end;
            r.resolved = true;
            forget(r);
            cluster.emit(new StreamEvent.Collective(r.start, r.end, r.op.kernelName(), r.bytes, r.ranks.clone(), r.arrivals.clone()));
            cluster.markUnblocked();
            cluster.drainIfUnblocked();
        } finally {
            cluster.lock.unlock();
        }
    }

    /** A resolved rendezvous is no longer open: a group collective, or a send/recv (whose ranks are the pair). */
    /** Drops a resolved rendezvous by its key (a scan of the open ones cost more than the collective). */
    private void forget(Rendezvous r) {
        if (r.ranks == ranks) {
            openCollectives.remove(r.sequence);
        } else {
            openTransfers.remove(new PairSequence(r.ranks[0], r.ranks[1], r.sequence));
        }
    }

    private int slotOf(VirtualDevice device) {
        for (VirtualDevice member : members) {
            if (member == device) return slotOfRank(device.rank());
        }
        throw new CudaException(CudaError.cudaErrorInvalidValue, "rank " + device.rank() + " is not a member of communicator " + Arrays.toString(ranks));
    }

    private int slotOfRank(int rank) {
        for (int i = 0; i < ranks.length; i++) if (ranks[i] == rank) return i;
        throw new CudaException(CudaError.cudaErrorInvalidValue, "peer rank " + rank + " is not a member of communicator " + Arrays.toString(ranks));
    }
}
