package dev.chronoscope.agent.device;

import dev.chronoscope.emulator.gpu.Communicator;
import dev.chronoscope.emulator.gpu.RemoteCollectives;
import dev.chronoscope.emulator.gpu.VirtualCluster;
import dev.chronoscope.emulator.gpu.VirtualDevice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the virtual communicator behind each {@code initCommunicator} call. The engine tells a
 * device only its rank and the group size (as ncclCommInitRank does, minus the unique id), so groups
 * are placed by the nesting rule of Megatron and vLLM: a device's first group is contiguous, and each
 * later group strides over the product of the earlier groups' sizes (tensor-parallel groups first,
 * then pipeline groups). Every member of one group gets the same virtual communicator.
 */
final class CommunicatorGroups {
    private final VirtualCluster cluster;
    private final int firstRank;
    private final RemoteCollectives remote;
    private final Map<Integer, List<Integer>> sizesByDevice = new HashMap<>();
    private final Map<String, Communicator> groups = new HashMap<>();

    /** A device's membership: the shared communicator and the world ranks of its members by group rank. */
    record Membership(Communicator communicator, int[] members) {}

    CommunicatorGroups(VirtualCluster cluster, int firstRank, RemoteCollectives remote) {
        this.cluster = cluster;
        this.firstRank = firstRank;
        this.remote = remote;
    }

    synchronized Membership join(int worldRank, int groupRank, int groupSize) {
        if (groupSize < 1 || groupRank < 0 || groupRank >= groupSize) {
            throw new IllegalArgumentException("initCommunicator on device " + worldRank + ": rank " + groupRank
                    + " of a group of " + groupSize);
        }
        List<Integer> earlier = sizesByDevice.computeIfAbsent(worldRank, r -> new ArrayList<>());
        int stride = earlier.stream().reduce(1, (a, b) -> a * b);
        int level = earlier.size();
        earlier.add(groupSize);
        int base = worldRank - groupRank * stride;
        int[] members = new int[groupSize];
        for (int j = 0; j < groupSize; j++) members[j] = base + j * stride;
        int first = members[0] - firstRank, last = members[groupSize - 1] - firstRank;
        if ((first < 0 || last >= cluster.size()) && remote != null) {
            Communicator spanning = groups.computeIfAbsent(level + ":" + Arrays.toString(members),
                    key -> cluster.remoteCommunicator(cluster.device(worldRank - firstRank), members, remote));
            return new Membership(spanning, members);
        }
        if (first < 0 || last >= cluster.size()) {
            throw new IllegalStateException("initCommunicator on device " + worldRank + ": group " + level + " (rank "
                    + groupRank + " of " + groupSize + ", stride " + stride + ") would span ranks "
                    + Arrays.toString(members) + ", but this process emulates " + cluster.size() + " devices from rank "
                    + firstRank);
        }
        Communicator communicator = groups.computeIfAbsent(level + ":" + Arrays.toString(members), key -> {
            VirtualDevice[] devices = new VirtualDevice[groupSize];
            for (int j = 0; j < groupSize; j++) devices[j] = cluster.device(members[j] - firstRank);
            return cluster.communicator(devices);
        });
        return new Membership(communicator, members);
    }
}
