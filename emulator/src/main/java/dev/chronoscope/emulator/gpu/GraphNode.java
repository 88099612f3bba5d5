package dev.chronoscope.emulator.gpu;

import dev.chronoscope.emulator.gpu.net.CollectiveOp;
import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.Prediction;

/** A captured launch: replayed by {@link VirtualDevice#launchGraph}. */
sealed interface GraphNode {

    record Kernel(String kernel, Features features, Prediction prediction) implements GraphNode {}

    /** A collective; it joins its communicator's sequence when the graph is replayed, not when captured. */
    record Collective(Communicator communicator, CollectiveOp op, long bytes, Communicator.Peer peer) implements GraphNode {}
}
