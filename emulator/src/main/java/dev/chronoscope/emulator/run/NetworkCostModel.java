package dev.chronoscope.emulator.run;

import dev.chronoscope.emulator.coord.CollectiveCostModel;
import dev.chronoscope.emulator.gpu.catalog.DeviceSpec;
import dev.chronoscope.emulator.gpu.net.CollectiveOp;
import dev.chronoscope.emulator.gpu.net.GroupLayout;
import dev.chronoscope.emulator.gpu.net.NetworkModel;

import java.util.stream.IntStream;

/**
 * The coordinator's collective durations from the same network model that a single-process
 * emulation's virtual cluster uses ({@link CollectiveModels}), so that a collective or a
 * send/recv lasts the same whether its ranks share a JVM or not: the group's global ranks are
 * placed on nodes by the device's devices-per-node, as the virtual cluster places them.
 */
final class NetworkCostModel implements CollectiveCostModel {
    private final NetworkModel network;
    private final int devicesPerNode;

    NetworkCostModel(DeviceSpec spec, NetworkModel network) {
        this.network = network;
        this.devicesPerNode = spec.interconnect().devicesPerNode();
    }

    /** A group of ranks {@code 0..n-1}: a client that names no members. */
    @Override
    public long durationNanos(String op, long bytes, int ranks) {
        return durationNanos(op, bytes, IntStream.range(0, ranks).toArray());
    }

    @Override
    public long durationNanos(String op, long bytes, int[] globalRanks) {
        GroupLayout layout = GroupLayout.of(globalRanks, devicesPerNode);
        return network.predict(CollectiveOp.fromKernelName(op), bytes, layout).durationNanos();
    }
}
