package dev.chronoscope.agent.device;

import dev.chronoscope.emulator.gpu.RemoteCollectives;
import dev.chronoscope.emulator.gpu.VirtualCluster;
import dev.chronoscope.engine.device.DeviceException;
import dev.chronoscope.engine.device.DeviceRuntime;

/**
 * The virtual GPUs of this JVM, handed out by {@code Devices.open(ordinal, capacity)}: the engine's
 * requested capacity is ignored, as a real GPU's memory is what it is (an H100 shows 80 GiB).
 */
public final class EmulatedDevices {
    private final VirtualCluster cluster;
    private final int firstRank;
    private final CommunicatorGroups groups;
    private final ShapeFeatures shapes = new ShapeFeatures();

    public EmulatedDevices(VirtualCluster cluster, int firstRank) {
        this(cluster, firstRank, null);
    }

    /** {@code remote}: how groups that span other processes meet (null: every rank is in this process). */
    public EmulatedDevices(VirtualCluster cluster, int firstRank, RemoteCollectives remote) {
        this.cluster = cluster;
        this.firstRank = firstRank;
        this.groups = new CommunicatorGroups(cluster, firstRank, remote);
    }

    /** {@code cudaSetDevice(ordinal)}: ordinals are world ranks, as the engine numbers its devices. */
    public DeviceRuntime open(int ordinal) {
        int index = ordinal - firstRank;
        if (index < 0 || index >= cluster.size()) {
            throw new DeviceException("cudaErrorInvalidDevice: the engine opened device " + ordinal + ", but this process"
                    + " emulates " + cluster.size() + " " + cluster.spec().name() + " device(s), ranks " + firstRank
                    + ".." + (firstRank + cluster.size() - 1) + " (raise --gpus / the agent's gpus= option)");
        }
        return new EmulatedDeviceRuntime(cluster.device(index), ordinal, groups, shapes);
    }
}
