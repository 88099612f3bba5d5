package dev.chronoscope.emulator.gpu;

import dev.chronoscope.emulator.gpu.catalog.DeviceCatalog;
import dev.chronoscope.emulator.gpu.catalog.DeviceSpec;
import dev.chronoscope.emulator.gpu.net.NetworkModel;
import dev.chronoscope.emulator.models.Prediction;

/** Test clusters of H100s with a 5 µs launch latency and a network where a collective lasts bytes + 1 µs per rank (ns). */
final class Gpus {
    static final long LATENCY = 5_000;
    static final DeviceSpec H100 = DeviceCatalog.standard().get("h100-sxm");
    static final NetworkModel BYTES_PLUS_MICROS_PER_RANK =
            (op, bytes, layout) -> new Prediction(bytes + 1_000L * layout.numRanks(), "test-network", false);

    final TestClock clock = new TestClock();
    final RecordingSink sink = new RecordingSink();
    final MicrosPredictor predictor = new MicrosPredictor();
    final VirtualCluster cluster;

    Gpus(int devices) {
        cluster = VirtualCluster.builder(H100, devices).clock(clock).predictor(predictor).sink(sink)
                .network(BYTES_PLUS_MICROS_PER_RANK).launchLatencyNanos(LATENCY).build();
    }

    VirtualDevice device(int i) { return cluster.device(i); }
}
