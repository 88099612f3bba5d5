package dev.chronoscope.emulator.gpu;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-order queue of device work (cudaStream_t). Work starts no earlier than the end of the work
 * before it ({@link #tail}); streams of one device run concurrently. Guarded by the cluster lock.
 */
public final class VirtualStream {
    final VirtualDevice device;
    final int id;
    final String name;
    /** Virtual time at which everything placed so far has finished. */
    long tail;
    /** Ops waiting to be placed: not empty only behind an unresolved collective or event. */
    final ArrayDeque<StreamOp> pending = new ArrayDeque<>();
    /** Nodes of the graph being captured, or null when not capturing. */
    List<GraphNode> capture;
    boolean destroyed;

    VirtualStream(VirtualDevice device, int id, String name) {
        this.device = device;
        this.id = id;
        this.name = name;
    }

    public int id() { return id; }

    public String name() { return name; }

    public int rank() { return device.rank(); }

    boolean placedEverything() { return pending.isEmpty(); }

    boolean capturing() { return capture != null; }

    void startCapture() { capture = new ArrayList<>(); }

    String describe() {
        return "stream " + id + " (\"" + name + "\") of rank " + device.rank();
    }
}
