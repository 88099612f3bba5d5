package dev.chronoscope.agent.run;

import dev.chronoscope.emulator.gpu.VirtualCluster;
import dev.chronoscope.emulator.gpu.net.CollectiveOp;
import dev.chronoscope.emulator.gpu.catalog.DeviceSpec;
import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.KernelPredictor;
import dev.chronoscope.emulator.models.store.ModelStore;
import dev.chronoscope.emulator.run.CollectiveModels;

import java.util.OptionalLong;
import java.util.Set;

/**
 * What a models store calibrates about a device beyond its kernels (for cpu-local, measured in situ
 * by {@code chronoscope calibrate}): the launch and sync latencies of its runtime, the host work of an
 * engine step, and which collectives have fitted models. A device without them keeps the defaults:
 * GPU-like launch latency, no sync latency, the host-overhead constants, alpha-beta collectives.
 */
record CalibratedRuntime(OptionalLong launchLatencyNanos, OptionalLong syncLatencyNanos, OptionalLong hostStepNanos,
                         Set<CollectiveOp> collectives) {
    static final CalibratedRuntime NONE = new CalibratedRuntime(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
            Set.of());

    /** @param perRank this process is one of a run with a process per rank (its host step includes the messages between them) */
    static CalibratedRuntime read(ModelStore store, String device, KernelPredictor predictor, boolean perRank) {
        Set<CollectiveOp> collectives = CollectiveModels.fitted(store, device);
        Features none = Features.of();
        return new CalibratedRuntime(cost(store, device, "launch_latency", none, predictor), cost(store, device, "sync_latency", none, predictor),
                cost(store, device, "host_step", Features.of("per_rank", perRank ? 1 : 0), predictor), Set.copyOf(collectives));
    }

    private static OptionalLong cost(ModelStore store, String device, String name, Features features, KernelPredictor predictor) {
        if (store.active(device, name).isEmpty()) return OptionalLong.empty();
        return OptionalLong.of(Math.max(0, predictor.predict(device, name, features).durationNanos()));
    }

    /** The cluster with this calibration's latencies and collective models. */
    VirtualCluster.Builder applyTo(VirtualCluster.Builder cluster, DeviceSpec spec, KernelPredictor predictor) {
        launchLatencyNanos.ifPresent(cluster::launchLatencyNanos);
        syncLatencyNanos.ifPresent(cluster::syncLatencyNanos);
        if (!collectives.isEmpty()) cluster.network(CollectiveModels.network(spec, predictor, collectives));
        return cluster;
    }
}
