package dev.chronoscope.emulator.gpu.net;

import dev.chronoscope.emulator.gpu.catalog.DeviceSpec;
import dev.chronoscope.emulator.gpu.catalog.Interconnect;
import dev.chronoscope.emulator.gpu.catalog.LinkKind;
import dev.chronoscope.emulator.models.Prediction;

/**
 * Ring collectives as latency + size / bandwidth, per topology: the device's scale-up link inside a
 * node (NVLink, or PCIe), InfiniBand across nodes. A ring all-reduce moves 2(n−1)/n of the buffer
 * through every link in 2(n−1) steps; an all-gather (n−1)/n in n−1 steps; a send/recv the whole
 * message in one step. Like NCCL's own tuner (src/graph/tuning.cc) it costs the LL protocol
 * (cheap steps, a quarter of the bandwidth) and the Simple protocol (full bandwidth, dearer steps)
 * and takes the faster, so small messages are latency-bound and large ones bandwidth-bound.
 */
public final class AlphaBetaNetworkModel implements NetworkModel {
    /** NCCL's ring base latencies (tuning.cc {@code baseLat}): LL 3.6 µs, Simple 8.4 µs. */
    private static final long LL_BASE_NANOS = 3_600;
    private static final long SIMPLE_BASE_NANOS = 8_400;
    /** NCCL's tuner rates ring LL at a quarter of the bus bandwidth (its lines carry flags beside data). */
    private static final double LL_BANDWIDTH_SHARE = 0.25;

    private final String version;
    private final Interconnect links;

    public AlphaBetaNetworkModel(String deviceName, Interconnect links) {
        this.version = "alpha-beta/" + deviceName;
        this.links = links;
    }

    public static AlphaBetaNetworkModel of(DeviceSpec spec) {
        return new AlphaBetaNetworkModel(spec.name(), spec.interconnect());
    }

    @Override
    public Prediction predict(CollectiveOp op, long bytes, GroupLayout layout) {
        if (bytes < 0) throw new IllegalArgumentException(op.kernelName() + ": negative size " + bytes + " bytes");
        int n = layout.numRanks();
        if (n == 1) return new Prediction(0, version, false);
        int steps = switch (op) {
            case ALL_REDUCE -> 2 * (n - 1);
            case ALL_GATHER -> n - 1;
            case SEND_RECV -> 1;
        };
        int interSteps = switch (op) {
            case ALL_REDUCE -> 2 * (layout.numNodes() - 1);
            case ALL_GATHER -> layout.numNodes() - 1;
            case SEND_RECV -> layout.numNodes() - 1;
        };
        // Ring: every link carries steps/n of the buffer (2(n−1)/n for all-reduce, (n−1)/n for all-gather).
        double share = op == CollectiveOp.SEND_RECV ? 1.0 : (double) steps / n;
        double wireBytes = share * bytes;

        boolean scaleUp = layout.ranksPerNode() <= links.scaleUpDomain();
        LinkKind intra = scaleUp ? links.scaleUpKind() : LinkKind.PCIE;
        double intraBandwidth = scaleUp ? links.scaleUpBytesPerSec() : links.hostLinkBytesPerSec();
        // Across nodes each node's rings leave through its NICs: ranksPerNode NIC shares in parallel.
        double busBandwidth = layout.numNodes() == 1 ? intraBandwidth
                : Math.min(intraBandwidth, layout.ranksPerNode() * links.scaleOutBytesPerSec());

        int intraSteps = steps - interSteps;
        double ll = LL_BASE_NANOS + intraSteps * intra.lowLatencyHopNanos() + interSteps * LinkKind.NETWORK.lowLatencyHopNanos()
                + wireBytes * 1e9 / (busBandwidth * LL_BANDWIDTH_SHARE);
        double simple = SIMPLE_BASE_NANOS + intraSteps * intra.simpleHopNanos() + interSteps * LinkKind.NETWORK.simpleHopNanos()
                + wireBytes * 1e9 / busBandwidth;
        return new Prediction(Math.round(Math.min(ll, simple)), version, false);
    }
}
