package dev.chronoscope.emulator.gpu;

import dev.chronoscope.emulator.gpu.catalog.DeviceSpec;
import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.Prediction;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import dev.chronoscope.emulator.stream.event.StreamEvent.CopyKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Places one device's work on its stream timelines: an op starts at max(host time + launch
 * latency, the stream's tail), or waits in the stream's queue while something before it waits for
 * another rank. Guarded by the cluster lock.
 */
final class StreamPlacement {
    private final VirtualCluster cluster;
    private final int rank;
    private final List<VirtualStream> streams = new ArrayList<>();
    /** Completion time of the work of destroyed streams, which device synchronisation still waits for. */
    private long retiredTail;

    StreamPlacement(VirtualCluster cluster, int rank) {
        this.cluster = cluster;
        this.rank = rank;
    }

    void add(VirtualStream stream) { streams.add(stream); }

    List<VirtualStream> streams() { return streams; }

    boolean everythingPlaced() {
        for (VirtualStream s : streams) if (!s.placedEverything()) return false;
        return true;
    }

    /** When every stream's placed work ends, destroyed streams included. */
    long latestEnd() {
        long end = retiredTail;
        for (VirtualStream s : streams) end = Math.max(end, s.tail);
        return end;
    }

    void placeKernel(VirtualStream s, long hostTime, String kernel, Features features, Prediction p, int graphId) {
        long start = Math.max(hostTime + cluster.launchLatencyNanos, s.tail);
        long end = start + p.durationNanos();
        s.tail = end;
        cluster.emit(new StreamEvent.Kernel(start, end, rank, s.id, kernel, features, p.modelVersion(), p.outOfRange(), graphId));
    }

    /** A kernel now if nothing is queued before it; queued otherwise. Allocates nothing but the event on the direct path. */
    void launch(VirtualStream s, long hostTime, String kernel, Features features, Prediction p, int graphId) {
        if (s.placedEverything()) placeKernel(s, hostTime, kernel, features, p, graphId);
        else s.pending.add(new StreamOp.Launch(hostTime, kernel, features, p, graphId));
    }

    /** Places {@code op} now if nothing is queued before it and it can be placed; queues it otherwise. */
    void submit(VirtualStream stream, StreamOp op) {
        if (!(stream.placedEverything() && place(stream, op))) stream.pending.add(op);
    }

    /** Places queued ops of every stream that have become placeable; returns whether any moved. */
    boolean placePending() {
        boolean moved = false;
        for (int i = 0; i < streams.size(); i++) {
            VirtualStream s = streams.get(i);
            while (!s.pending.isEmpty() && place(s, s.pending.peek())) {
                s.pending.poll();
                moved = true;
            }
            if (retireIfDone(s)) i--;
        }
        return moved;
    }

    /** A destroyed stream leaves the device once its work is placed; its end still counts for device sync. */
    boolean retireIfDone(VirtualStream s) {
        if (!s.destroyed || !s.placedEverything()) return false;
        retiredTail = Math.max(retiredTail, s.tail);
        return streams.remove(s);
    }

    /** An instanceof chain rather than a pattern switch: this runs for most kernels of a tensor-parallel run, and C1 compiles a type switch into a method-handle call. */
    private boolean place(VirtualStream s, StreamOp op) {
        if (op instanceof StreamOp.Launch k) {
            placeKernel(s, k.hostTime(), k.kernel(), k.features(), k.prediction(), k.graphId());
        } else if (op instanceof StreamOp.CollectiveStep step) {
            return step.communicator.advance(s, step);
        } else if (op instanceof StreamOp.Copy c) {
            long start = Math.max(c.hostTime() + cluster.launchLatencyNanos, s.tail);
            s.tail = start + copyNanos(c.kind(), c.bytes());
            cluster.emit(new StreamEvent.Memcpy(start, s.tail, rank, s.id, c.kind(), c.bytes()));
        } else if (op instanceof StreamOp.Record r) {
            r.completion().place(Math.max(r.hostTime() + cluster.launchLatencyNanos, s.tail));
        } else if (op instanceof StreamOp.Wait w) {
            if (!w.completion().placed) return false;
            s.tail = Math.max(s.tail, w.completion().time);
        } else {
            throw new IllegalStateException("unknown stream op " + op);
        }
        return true;
    }

    /** Host↔device copies run at PCIe speed; device→device copies read and write device memory. */
    private long copyNanos(CopyKind kind, long bytes) {
        DeviceSpec spec = cluster.spec();
        double nanos = kind == CopyKind.DEVICE_TO_DEVICE
                ? 2.0 * bytes * 1e9 / spec.roofline().memoryBytesPerSec()
                : bytes * 1e9 / spec.interconnect().hostLinkBytesPerSec();
        return (long) Math.ceil(nanos);
    }
}
