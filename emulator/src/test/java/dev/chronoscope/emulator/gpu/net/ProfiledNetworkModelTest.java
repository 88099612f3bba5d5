package dev.chronoscope.emulator.gpu.net;

import dev.chronoscope.emulator.gpu.catalog.DeviceCatalog;
import dev.chronoscope.emulator.models.Prediction;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Interpolation over generated rows: 2 and 4 workers, 2 per node, at 1000, 2000 and 4000 bytes. */
class ProfiledNetworkModelTest {
    private static final List<NetworkProfileRow> ROWS = List.of(
            row(2, 1_000, 0.010), row(2, 2_000, 0.014), row(2, 4_000, 0.030),
            row(4, 1_000, 0.020), row(4, 2_000, 0.030), row(4, 4_000, 0.050));
    private final ProfiledNetworkModel model = ProfiledNetworkModel.fromRows("test", ROWS);

    private static NetworkProfileRow row(int workers, long size, double millis) {
        return new NetworkProfileRow(CollectiveOp.ALL_REDUCE, size, workers, 2, millis);
    }

    private Prediction at(long bytes, GroupLayout layout) {
        return model.predict(CollectiveOp.ALL_REDUCE, bytes, layout);
    }

    @Test
    void interpolatesLinearlyInSizeAtAMeasuredWorkerCount() {
        assertThat(at(1_500, GroupLayout.singleNode(2))).isEqualTo(new Prediction(12_000, "profiled/test/all_reduce", false));
        assertThat(at(2_000, GroupLayout.singleNode(2)).durationNanos()).isEqualTo(14_000);
    }

    @Test
    void interpolatesBetweenWorkerCounts() {
        // 3 ranks, 2 per node: halfway between 14 µs (2 workers) and 30 µs (4 workers).
        assertThat(at(2_000, new GroupLayout(3, 2, 2))).isEqualTo(new Prediction(22_000, "profiled/test/all_reduce", false));
    }

    @Test
    void flagsWhatLiesOutsideTheTable() {
        // Beyond 4000 bytes: along the last segment, 30 µs + 4000 · (16 µs / 2000).
        assertThat(at(8_000, GroupLayout.singleNode(2))).isEqualTo(new Prediction(62_000, "profiled/test/all_reduce", true));
        assertThat(at(500, GroupLayout.singleNode(2))).isEqualTo(new Prediction(10_000, "profiled/test/all_reduce", true));
        assertThat(at(1_000, new GroupLayout(8, 4, 2))).isEqualTo(new Prediction(20_000, "profiled/test/all_reduce", true));
    }

    @Test
    void coversOnlyMeasuredCollectivesAndNodeShapesAndFallsBackOtherwise() {
        assertThat(model.covers(CollectiveOp.ALL_REDUCE, GroupLayout.singleNode(2))).isTrue();
        assertThat(model.covers(CollectiveOp.SEND_RECV, GroupLayout.singleNode(2))).isFalse();
        assertThat(model.covers(CollectiveOp.ALL_REDUCE, GroupLayout.singleNode(4))).as("4 per node was not measured").isFalse();

        NetworkModel both = new ProfiledOrAlphaBetaNetworkModel(model, AlphaBetaNetworkModel.of(DeviceCatalog.standard().get("h100-sxm")));
        assertThat(both.predict(CollectiveOp.ALL_REDUCE, 1_000, GroupLayout.singleNode(2)).modelVersion()).isEqualTo("profiled/test/all_reduce");
        assertThat(both.predict(CollectiveOp.SEND_RECV, 1_000, GroupLayout.singleNode(2)).modelVersion()).isEqualTo("alpha-beta/h100-sxm");
    }

    @Test
    void averagesRepeatedMeasurementsAndRejectsEmptyTables() {
        ProfiledNetworkModel repeated = ProfiledNetworkModel.fromRows("rep", List.of(row(2, 1_000, 0.010), row(2, 1_000, 0.020), row(2, 2_000, 0.030)));
        assertThat(repeated.predict(CollectiveOp.ALL_REDUCE, 1_000, GroupLayout.singleNode(2)).durationNanos()).isEqualTo(15_000);
        assertThat(repeated.predict(CollectiveOp.ALL_REDUCE, 1_500, GroupLayout.singleNode(2)).durationNanos()).isEqualTo(22_500);
        assertThatThrownBy(() -> ProfiledNetworkModel.fromRows("empty", List.of())).hasMessage("network profile empty: no rows");
        assertThatThrownBy(() -> row(2, 0, 0.01)).hasMessage("network profile row: size must be ≥ 1 byte but was 0");
    }

    private static final String HEADER = ",time_stats.all_reduce.min,time_stats.all_reduce.max,time_stats.all_reduce.mean,"
            + "time_stats.all_reduce.median,time_stats.all_reduce.std,rank,num_workers,size,collective,devices_per_node,max_devices_per_node\n";

    @Test
    void readsVidursCsvColumnsUsingTheMedian() throws IOException {
        String csv = HEADER
                + "0,0.031,0.077,0.050,0.043,0.019,0,2,2048,all_reduce,2,8\n"
                + "1,0.040,0.075,0.057,0.056,0.014,0,2,10240,all_reduce,2,8\n";
        assertThat(VidurNetworkCsv.read(new StringReader(csv), "gen.csv")).containsExactly(
                new NetworkProfileRow(CollectiveOp.ALL_REDUCE, 2048, 2, 2, 0.043),
                new NetworkProfileRow(CollectiveOp.ALL_REDUCE, 10240, 2, 2, 0.056));
    }

    @Test
    void badCsvInputNamesTheLineAndColumn() {
        assertThatThrownBy(() -> VidurNetworkCsv.read(new StringReader(HEADER + "0,1,1,1,1,1,0,2,abc,all_reduce,2,8\n"), "gen.csv"))
                .hasMessage("gen.csv:2: column 'size': expected a whole number but found 'abc'");
        assertThatThrownBy(() -> VidurNetworkCsv.read(new StringReader(HEADER + "0,1,1,1,1,1,0,2,8,all_reduce,2,8\n0,1,1,1,-1,1,0,2,16,all_reduce,2,8\n"), "gen.csv"))
                .hasMessage("gen.csv:3: network profile row: time must be a non-negative number of ms but was -1.0");
        assertThatThrownBy(() -> VidurNetworkCsv.read(new StringReader(HEADER + "0,1,1,1,1,1,0,2,8,broadcast,2,8\n"), "gen.csv"))
                .hasMessageStartingWith("gen.csv:2: column 'collective': unknown collective 'broadcast'");
        assertThatThrownBy(() -> VidurNetworkCsv.read(new StringReader(HEADER + "0,1,1\n"), "gen.csv"))
                .hasMessage("gen.csv:2: expected 12 cells but found 3");
        assertThatThrownBy(() -> VidurNetworkCsv.read(new StringReader("size,num_workers,collective\n"), "gen.csv"))
                .hasMessage("gen.csv:1: missing column 'devices_per_node'");
        assertThatThrownBy(() -> VidurNetworkCsv.read(new StringReader(""), "gen.csv"))
                .hasMessage("gen.csv: empty file, expected a CSV header");
    }
}
