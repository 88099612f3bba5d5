package dev.chronoscope.emulator.gpu;

import dev.chronoscope.emulator.gpu.catalog.DeviceSpec;
import dev.chronoscope.emulator.gpu.net.AlphaBetaNetworkModel;
import dev.chronoscope.emulator.gpu.net.NetworkModel;
import dev.chronoscope.emulator.models.KernelPredictor;
import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import dev.chronoscope.emulator.time.VirtualTime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The virtual GPUs of one emulated process: devices of one catalogue type, the clock they read
 * host time from, the predictor and network model that time their work, and the sink their events
 * go to. One lock guards every device (collectives cross devices; emulated threads run one at a
 * time anyway), and host threads that must wait for another rank park on its {@link Condition}, so
 * the emulator's scheduler sees an ordinary java.util.concurrent block.
 */
public final class VirtualCluster {
    /**
     * Host-to-device delay of a launch when no calibrated host-overhead model says otherwise: a few
     * microseconds is typical of cudaLaunchKernel on current drivers. An assumption, not a spec figure.
     */
    public static final long DEFAULT_LAUNCH_LATENCY_NANOS = 4_000;

    final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever queued work was placed: hosts waiting on a collective re-check their stream. */
    final Condition placed = lock.newCondition();
    final VirtualTime clock;
    final EventSink sink;
    final NetworkModel network;
    final long launchLatencyNanos;
    final long syncLatencyNanos;
    final PredictionCache predictions;
    private final DeviceSpec spec;
    private final List<VirtualDevice> devices = new ArrayList<>();
    private int nextGraphId;
    private boolean unblocked;

    private VirtualCluster(Builder b) {
        this.spec = b.spec;
        this.clock = b.clock;
        this.sink = b.sink;
        this.network = b.network != null ? b.network : AlphaBetaNetworkModel.of(b.spec);
        this.launchLatencyNanos = b.launchLatencyNanos;
        this.syncLatencyNanos = b.syncLatencyNanos;
        this.predictions = new PredictionCache(b.spec.name(), b.predictor);
        lock.lock();
        try {
            for (int i = 0; i < b.deviceCount; i++) devices.add(new VirtualDevice(this, b.firstRank + i, b.processId));
        } finally {
            lock.unlock();
        }
    }

    /** Starts describing {@code deviceCount} devices of type {@code spec}. */
    public static Builder builder(DeviceSpec spec, int deviceCount) {
        return new Builder(spec, deviceCount);
    }

    public DeviceSpec spec() { return spec; }

    public int size() { return devices.size(); }

    /** The device at position {@code index} (0-based within this cluster). */
    public VirtualDevice device(int index) {
        if (index < 0 || index >= devices.size()) {
            throw new CudaException(CudaError.cudaErrorInvalidDevice, "no device " + index + ": this process has " + devices.size() + " devices (0.."
                    + (devices.size() - 1) + ")");
        }
        return devices.get(index);
    }

    /** A communicator over the given devices, in the given order (ncclCommInitRank on each). */
    public Communicator communicator(VirtualDevice... members) {
        if (members.length == 0) throw new IllegalArgumentException("communicator: no members");
        if (Arrays.stream(members).distinct().count() != members.length) {
            throw new IllegalArgumentException("communicator: a device appears twice in " + Arrays.toString(Arrays.stream(members).mapToInt(VirtualDevice::rank).toArray()));
        }
        for (VirtualDevice d : members) {
            if (d.cluster != this) throw new IllegalArgumentException("communicator: rank " + d.rank() + " belongs to another cluster");
        }
        lock.lock();
        try {
            return new Communicator(this, members.clone());
        } finally {
            lock.unlock();
        }
    }

    /**
     * A communicator whose group spans processes: {@code local} is this process's member, at its
     * position in {@code groupRanks} (global ranks, in group order); the other ranks are met
     * through {@code remote}.
     */
    public Communicator remoteCommunicator(VirtualDevice local, int[] groupRanks, RemoteCollectives remote) {
        if (local.cluster != this) throw new IllegalArgumentException("communicator: rank " + local.rank() + " belongs to another cluster");
        if (Arrays.stream(groupRanks).noneMatch(r -> r == local.rank())) {
            throw new IllegalArgumentException("communicator: rank " + local.rank() + " is not in group " + Arrays.toString(groupRanks));
        }
        lock.lock();
        try {
            return new Communicator(this, new VirtualDevice[]{local}, groupRanks.clone(), remote);
        } finally {
            lock.unlock();
        }
    }

    /** A communicator over every device of this cluster. */
    public Communicator communicatorOfAll() {
        return communicator(devices.toArray(VirtualDevice[]::new));
    }

    int nextGraphId() { return nextGraphId++; }

    void emit(StreamEvent event) { sink.accept(event); }

    /** Something that other streams may be waiting for has resolved. */
    void markUnblocked() { unblocked = true; }

    /** Places whatever queued work has become placeable, everywhere, until nothing moves; wakes waiting hosts. */
    void drainIfUnblocked() {
        if (!unblocked) return;
        boolean moved;
        do {
            unblocked = false;
            moved = false;
            for (VirtualDevice d : devices) moved |= d.placement.placePending();
        } while (moved || unblocked);
        placed.signalAll();
    }

    public static final class Builder {
        private final DeviceSpec spec;
        private final int deviceCount;
        private VirtualTime clock;
        private KernelPredictor predictor;
        private EventSink sink = EventSink.NONE;
        private NetworkModel network;
        private long launchLatencyNanos = DEFAULT_LAUNCH_LATENCY_NANOS;
        private long syncLatencyNanos;
        private int firstRank;
        private int processId;

        private Builder(DeviceSpec spec, int deviceCount) {
            if (spec == null) throw new IllegalArgumentException("virtual cluster: device spec is required");
            if (deviceCount < 1) throw new IllegalArgumentException("virtual cluster: device count must be ≥ 1 but was " + deviceCount);
            this.spec = spec;
            this.deviceCount = deviceCount;
        }

        public Builder clock(VirtualTime clock) { this.clock = clock; return this; }

        public Builder predictor(KernelPredictor predictor) { this.predictor = predictor; return this; }

        public Builder sink(EventSink sink) { this.sink = sink; return this; }

        /** Defaults to the alpha-beta model of the device's interconnect. */
        public Builder network(NetworkModel network) { this.network = network; return this; }

        public Builder launchLatencyNanos(long nanos) {
            if (nanos < 0) throw new IllegalArgumentException("virtual cluster: launch latency must be ≥ 0 ns but was " + nanos);
            this.launchLatencyNanos = nanos;
            return this;
        }

        /**
         * How long after its device work completes a host thread blocked in a synchronisation runs again
         * (0, the default: at once, as a GPU host spinning on the completion flag does); a device whose
         * host sleeps while it waits (the CPU device) calibrates it.
         */
        public Builder syncLatencyNanos(long nanos) {
            if (nanos < 0) throw new IllegalArgumentException("virtual cluster: sync latency must be ≥ 0 ns but was " + nanos);
            this.syncLatencyNanos = nanos;
            return this;
        }

        /** Global rank of this process's first device (devices of a multi-process run are numbered across processes). */
        public Builder firstRank(int rank) {
            if (rank < 0) throw new IllegalArgumentException("virtual cluster: first rank must be ≥ 0 but was " + rank);
            this.firstRank = rank;
            return this;
        }

        public Builder processId(int id) { this.processId = id; return this; }

        public VirtualCluster build() {
            if (clock == null) throw new IllegalArgumentException("virtual cluster: a virtual clock is required");
            if (predictor == null) throw new IllegalArgumentException("virtual cluster: a kernel predictor is required");
            if (sink == null) throw new IllegalArgumentException("virtual cluster: an event sink is required (EventSink.NONE drops events)");
            return new VirtualCluster(this);
        }
    }
}
