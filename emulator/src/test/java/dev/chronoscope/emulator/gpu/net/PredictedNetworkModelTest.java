package dev.chronoscope.emulator.gpu.net;

import dev.chronoscope.emulator.models.Prediction;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PredictedNetworkModelTest {
    private static final NetworkModel FALLBACK = (op, bytes, layout) -> new Prediction(7, "fallback", false);

    @Test
    void fittedCollectivesAreTimedByTheirModelWithSampleFeaturesAndTheRestByTheFallback() {
        PredictedNetworkModel m = new PredictedNetworkModel("cpu-local",
                (device, kernel, f) -> new Prediction((long) (f.get("size", 0) + 1000 * f.get("num_workers", 0) + f.get("devices_per_node", 0)),
                        device + "/" + kernel, false),
                Set.of(CollectiveOp.ALL_REDUCE), FALLBACK);
        assertThat(m.predict(CollectiveOp.ALL_REDUCE, 4096, GroupLayout.singleNode(2)))
                .isEqualTo(new Prediction(4096 + 2000 + 2, "cpu-local/all_reduce", false));
        assertThat(m.predict(CollectiveOp.ALL_GATHER, 4096, GroupLayout.singleNode(2)).modelVersion()).isEqualTo("fallback");
        assertThat(m.predict(CollectiveOp.ALL_REDUCE, 4096, GroupLayout.singleNode(1)).modelVersion())
                .as("a group of one is the fallback's (free) case").isEqualTo("fallback");
    }
}
