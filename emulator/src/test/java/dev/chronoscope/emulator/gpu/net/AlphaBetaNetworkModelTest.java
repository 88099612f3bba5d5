package dev.chronoscope.emulator.gpu.net;

import dev.chronoscope.emulator.gpu.catalog.DeviceCatalog;
import dev.chronoscope.emulator.gpu.catalog.DeviceSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hand-computed costs: NCCL ring constants (LL: 3.6 µs base, NVLink hop 0.47 µs, ¼ bandwidth;
 * Simple: 8.4 µs base, NVLink hop 3.4 µs, PCI 5.7 µs, network 9.6 µs) over the catalogue's links.
 */
class AlphaBetaNetworkModelTest {
    private static final DeviceCatalog CATALOG = DeviceCatalog.standard();
    private final NetworkModel h100 = AlphaBetaNetworkModel.of(CATALOG.get("h100-sxm"));

    private static long nanos(NetworkModel m, CollectiveOp op, long bytes, GroupLayout layout) {
        return m.predict(op, bytes, layout).durationNanos();
    }

    @Test
    void smallAllReduceIsLatencyBoundOnTheLowLatencyProtocol() {
        // 2 ranks: 2 steps; LL 3600 + 2·470 beats Simple 8400 + 2·3400.
        assertThat(nanos(h100, CollectiveOp.ALL_REDUCE, 0, GroupLayout.singleNode(2))).isEqualTo(4_540);
    }

    @Test
    void largeAllReduceInsideANodeIsRingBandwidthOverNvlink() {
        // 8 ranks, 1 GB: 8400 + 14·3400 + (14/8)·1e9 B / 450 GB/s = 3,944,888.9 ns.
        var p = h100.predict(CollectiveOp.ALL_REDUCE, 1_000_000_000, GroupLayout.singleNode(8));
        assertThat(p.durationNanos()).isEqualTo(3_944_889);
        assertThat(p.modelVersion()).isEqualTo("alpha-beta/h100-sxm");
    }

    @Test
    void allReduceAcrossNodesIsBoundByTheNodesInfinibandShare() {
        // 16 ranks on 2 nodes: 28 NVLink steps + 2 network steps; bus min(450, 8 × 50) = 400 GB/s; (30/16)·1e9 B.
        GroupLayout twoNodes = GroupLayout.of(new int[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, 8);
        assertThat(twoNodes).isEqualTo(new GroupLayout(16, 2, 8));
        assertThat(nanos(h100, CollectiveOp.ALL_REDUCE, 1_000_000_000, twoNodes)).isEqualTo(8_400 + 28 * 3_400 + 2 * 9_600 + 4_687_500);
    }

    @Test
    void allGatherMovesHalfWhatAnAllReduceDoes() {
        // 4 ranks, 4 MB gathered: 8400 + 3·3400 + 0.75·4e6 B / 450 GB/s = 25,266.7 ns.
        assertThat(nanos(h100, CollectiveOp.ALL_GATHER, 4_000_000, GroupLayout.singleNode(4))).isEqualTo(25_267);
    }

    @Test
    void sendRecvBetweenNodesUsesOneNetworkHop() {
        // Ranks 7 and 8 sit on different nodes: 8400 + 9600 + 1e6 B / 50 GB/s.
        assertThat(nanos(h100, CollectiveOp.SEND_RECV, 1_000_000, GroupLayout.of(new int[]{7, 8}, 8))).isEqualTo(38_000);
    }

    @Test
    void a40sBeyondTheirNvlinkPairFallBackToPcie() {
        NetworkModel a40 = AlphaBetaNetworkModel.of(CATALOG.get("a40"));
        // Pair on the bridge: 8400 + 2·3400 + 1e8 B / 56.25 GB/s.
        assertThat(nanos(a40, CollectiveOp.ALL_REDUCE, 100_000_000, GroupLayout.singleNode(2))).isEqualTo(1_792_978);
        // Four cards: PCIe Gen4, 8400 + 6·5700 + 1.5e8 B / 32 GB/s.
        assertThat(nanos(a40, CollectiveOp.ALL_REDUCE, 100_000_000, GroupLayout.singleNode(4))).isEqualTo(4_730_100);
    }

    @Test
    void oneRankCostsNothingAndTimeGrowsWithSize() {
        assertThat(nanos(h100, CollectiveOp.ALL_REDUCE, 1 << 30, GroupLayout.singleNode(1))).isZero();
        for (DeviceSpec spec : new DeviceSpec[]{CATALOG.get("l40s"), CATALOG.get("b200"), CATALOG.get("a100-80gb")}) {
            NetworkModel m = AlphaBetaNetworkModel.of(spec);
            long previous = -1;
            for (long bytes = 1; bytes < 1L << 32; bytes *= 4) {
                long t = nanos(m, CollectiveOp.ALL_REDUCE, bytes, GroupLayout.singleNode(8));
                assertThat(t).as(spec.name() + " at " + bytes + " bytes").isGreaterThanOrEqualTo(previous);
                previous = t;
            }
        }
        assertThatThrownBy(() -> h100.predict(CollectiveOp.ALL_REDUCE, -1, GroupLayout.singleNode(2)))
                .hasMessage("all_reduce: negative size -1 bytes");
    }

    @Test
    void layoutsAreChecked() {
        assertThat(GroupLayout.of(new int[]{6, 7, 8}, 8)).isEqualTo(new GroupLayout(3, 2, 2));
        assertThatThrownBy(() -> new GroupLayout(4, 1, 2)).hasMessage("group layout: 2 ranks per node cannot hold 4 ranks on 1 nodes");
        assertThatThrownBy(() -> CollectiveOp.fromKernelName("reduce_scatter"))
                .hasMessage("unknown collective 'reduce_scatter'; valid collectives: all_reduce, all_gather, send_recv");
    }
}
