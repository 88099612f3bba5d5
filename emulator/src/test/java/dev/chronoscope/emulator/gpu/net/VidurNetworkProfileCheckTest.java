package dev.chronoscope.emulator.gpu.net;

import dev.chronoscope.emulator.gpu.catalog.DeviceCatalog;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checks against Vidur's public H100 DGX all-reduce profile when it lies beside the checkout
 * ({@code shared/data/vidur}); skipped, visibly, on a fresh clone.
 */
class VidurNetworkProfileCheckTest {

    private static Path vidurNetworkDir() {
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/data/vidur/profiling/network");
            if (Files.isDirectory(candidate)) return candidate;
        }
        return null;
    }

    @Test
    void theAlphaBetaModelIsWithinAFactorOfTwoOfMeasuredLargeAllReducesOnH100() throws IOException {
        Path dir = vidurNetworkDir();
        assumeTrue(dir != null, "Vidur profiles (shared/data/vidur) are not beside this checkout");
        List<NetworkProfileRow> rows;
        try (Reader in = Files.newBufferedReader(dir.resolve("h100_dgx/all_reduce.csv"))) {
            rows = VidurNetworkCsv.read(in, "h100_dgx/all_reduce.csv");
        }
        ProfiledNetworkModel measured = ProfiledNetworkModel.fromRows("h100_dgx", rows);
        NetworkModel alphaBeta = AlphaBetaNetworkModel.of(DeviceCatalog.standard().get("h100-sxm"));

        for (int ranks : new int[]{2, 4, 8}) {
            GroupLayout layout = GroupLayout.singleNode(ranks);
            assertThat(measured.covers(CollectiveOp.ALL_REDUCE, layout)).isTrue();
            for (long bytes = 8L << 20; bytes <= 64L << 20; bytes *= 2) {
                double ratio = (double) alphaBeta.predict(CollectiveOp.ALL_REDUCE, bytes, layout).durationNanos()
                        / measured.predict(CollectiveOp.ALL_REDUCE, bytes, layout).durationNanos();
                assertThat(ratio).as(ranks + " ranks, " + bytes + " bytes").isBetween(0.5, 2.0);
            }
        }
    }
}
