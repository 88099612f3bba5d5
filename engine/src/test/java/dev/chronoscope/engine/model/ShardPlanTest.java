package dev.chronoscope.engine.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every parameter of a preset lands on exactly one rank (norm weights on every tensor rank of their stage). */
class ShardPlanTest {

    @ParameterizedTest
    @CsvSource({"tiny,1,1", "tiny,2,2", "llama-2-7b,2,1", "llama-3-8b,8,1", "llama-3-70b,8,2", "llama-2-70b,4,4",
            "codellama-34b,8,1", "mistral-7b,2,2", "qwen2-7b,4,1"})
    void shardsCoverTheModelExactlyOnce(String preset, int tp, int pp) {
        ModelConfig c = ModelConfigs.resolve(preset);
        long total = 0, norms = 0;
        for (int rank = 0; rank < tp * pp; rank++) {
            List<DeviceTensorSpec> plan = ShardPlan.of(c, Sharding.ofWorldRank(tp, pp, rank));
            for (DeviceTensorSpec t : plan) {
                total += t.elements();
                if (t.key().endsWith("norm")) norms += t.elements();
                for (TensorPiece p : t.pieces()) assertThat(p.cols()).isPositive();
            }
        }
        long replicatedNorms = norms - norms / tp;
        assertThat(total - replicatedNorms).isEqualTo(c.parameterCount());
    }

    @ParameterizedTest
    @CsvSource({"32,4,0,0,8", "32,4,3,24,32", "30,4,0,0,8", "30,4,1,8,16", "30,4,2,16,23", "30,4,3,23,30"})
    void stagesSplitLayersContiguously(int layers, int pp, int stage, int first, int end) {
        Sharding s = new Sharding(1, pp, 0, stage);
        assertThat(s.firstLayer(layers)).isEqualTo(first);
        assertThat(s.endLayer(layers)).isEqualTo(end);
    }
}
