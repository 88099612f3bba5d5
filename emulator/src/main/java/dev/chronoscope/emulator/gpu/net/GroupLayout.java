package dev.chronoscope.emulator.gpu.net;

import java.util.Arrays;

/**
 * How the ranks of one collective sit on nodes: what the network cost depends on besides size.
 *
 * @param numRanks     ranks taking part
 * @param numNodes     nodes they span
 * @param ranksPerNode the most ranks on any one node
 */
public record GroupLayout(int numRanks, int numNodes, int ranksPerNode) {
    public GroupLayout {
        if (numRanks < 1) throw new IllegalArgumentException("group layout: numRanks must be ≥ 1 but was " + numRanks);
        if (numNodes < 1 || numNodes > numRanks) {
            throw new IllegalArgumentException("group layout: numNodes must be in [1, " + numRanks + "] but was " + numNodes);
        }
        if (ranksPerNode < 1 || ranksPerNode > numRanks || (long) ranksPerNode * numNodes < numRanks) {
            throw new IllegalArgumentException("group layout: " + ranksPerNode + " ranks per node cannot hold "
                    + numRanks + " ranks on " + numNodes + " nodes");
        }
    }

    /** The layout of {@code globalRanks} when ranks are packed onto nodes of {@code devicesPerNode} in rank order. */
    public static GroupLayout of(int[] globalRanks, int devicesPerNode) {
        if (globalRanks.length == 0) throw new IllegalArgumentException("group layout: no ranks");
        if (devicesPerNode < 1) throw new IllegalArgumentException("group layout: devicesPerNode must be ≥ 1 but was " + devicesPerNode);
        int[] nodes = Arrays.stream(globalRanks).map(r -> r / devicesPerNode).sorted().toArray();
        int numNodes = 0, most = 0, run = 0;
        for (int i = 0; i < nodes.length; i++) {
            if (i == 0 || nodes[i] != nodes[i - 1]) { numNodes++; run = 0; }
            most = Math.max(most, ++run);
        }
        return new GroupLayout(globalRanks.length, numNodes, most);
    }

    /** All ranks in one node. */
    public static GroupLayout singleNode(int numRanks) {
        return new GroupLayout(numRanks, 1, numRanks);
    }
}
