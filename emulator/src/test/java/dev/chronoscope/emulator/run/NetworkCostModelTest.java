package dev.chronoscope.emulator.run;

import dev.chronoscope.emulator.gpu.catalog.DeviceCatalog;
import dev.chronoscope.emulator.gpu.catalog.DeviceSpec;
import dev.chronoscope.emulator.gpu.net.AlphaBetaNetworkModel;
import dev.chronoscope.emulator.gpu.net.CollectiveOp;
import dev.chronoscope.emulator.gpu.net.GroupLayout;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The coordinator times a group by where its global ranks sit, as a one-process virtual cluster does. */
class NetworkCostModelTest {
    private static final DeviceSpec H100 = DeviceCatalog.standard().get("h100-sxm");
    private static final long BYTES = 8L << 20;
    private final NetworkCostModel cost = new NetworkCostModel(H100, AlphaBetaNetworkModel.of(H100));

    private static long cluster(CollectiveOp op, int... ranks) {
        return AlphaBetaNetworkModel.of(H100).predict(op, BYTES, GroupLayout.of(ranks, H100.interconnect().devicesPerNode()))
                .durationNanos();
    }

    @Test
    void aSendBetweenNodesTakesTheScaleOutLinkAndOneInsideANodeNvlink() {
        int perNode = H100.interconnect().devicesPerNode();
        long inside = cost.durationNanos("send_recv", BYTES, new int[]{0, perNode / 2});
        long across = cost.durationNanos("send_recv", BYTES, new int[]{0, perNode});

        assertThat(inside).isEqualTo(cluster(CollectiveOp.SEND_RECV, 0, perNode / 2));
        assertThat(across).isEqualTo(cluster(CollectiveOp.SEND_RECV, 0, perNode));
        assertThat(across).isGreaterThan(inside);
    }

    @Test
    void aGroupNamedOnlyBySizeIsRanksZeroToNMinusOne() {
        assertThat(cost.durationNanos("all_reduce", BYTES, 4)).isEqualTo(cluster(CollectiveOp.ALL_REDUCE, 0, 1, 2, 3))
                .isEqualTo(cost.durationNanos("all_reduce", BYTES, new int[]{0, 1, 2, 3}));
    }
}
