package dev.chronoscope.emulator.gpu;

import java.util.List;

/** A captured sequence of launches (cudaGraphExec_t), replayable on a stream of its device. */
public final class VirtualGraph {
    final VirtualDevice device;
    final int id;
    final List<GraphNode> nodes;

    VirtualGraph(VirtualDevice device, int id, List<GraphNode> nodes) {
        this.device = device;
        this.id = id;
        this.nodes = List.copyOf(nodes);
    }

    /** The id that every kernel event of a replay carries. */
    public int id() { return id; }

    public int size() { return nodes.size(); }
}
