package dev.chronoscope.engine.executor;

import dev.chronoscope.engine.device.FillSpec;
import dev.chronoscope.engine.kernels.SeededFill;
import dev.chronoscope.engine.model.DeviceTensorSpec;
import dev.chronoscope.engine.model.ModelConfig;
import dev.chronoscope.engine.model.ModelConfigs;
import dev.chronoscope.engine.model.RopeScaling;
import dev.chronoscope.engine.model.SafetensorsFile;
import dev.chronoscope.engine.model.SafetensorsWriter;
import dev.chronoscope.engine.model.ShardPlan;
import dev.chronoscope.engine.model.Sharding;
import dev.chronoscope.engine.model.TensorPiece;
import dev.chronoscope.engine.worker.SeededWeightLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A checkpoint holding exactly the seeded weights, written in HuggingFace layout, must give the
 * seeded model's logits: this checks the cutting and transposing of real checkpoints per rank.
 */
class CheckpointLoadingTest {
    @TempDir
    Path dir;

    /** Writes, in HuggingFace layout, the tensors a seeded model of {@code config} holds. */
    private Path writeSeededCheckpoint(ModelConfig config, long seed, String dtype) throws IOException {
        Map<String, TensorPiece> tensors = new LinkedHashMap<>();
        for (DeviceTensorSpec spec : ShardPlan.of(config, Sharding.single())) {
            for (TensorPiece p : spec.pieces()) tensors.putIfAbsent(p.hfName(), p);
        }
        SafetensorsWriter writer = new SafetensorsWriter();
        for (TensorPiece p : tensors.values()) {
            long n = 1;
            for (long d : p.hfShape()) n *= d;
            float[] data = new float[(int) n];
            FillSpec fill = p.isOnes() ? new FillSpec.Constant(1f)
                    : new FillSpec.SeededUniform(SeededWeightLoader.tensorSeed(seed, p.hfName()), p.initBound(), 1, (int) n, (int) n, 0, 0, 0, 0, 1);
            SeededFill.apply(fill, data, 0, data.length);
            writer.add(p.hfName(), p.hfShape(), data);
        }
        Path file = dir.resolve("model.safetensors");
        writer.write(file, dtype);
        return file;
    }

    @Test
    void checkpointWithTheSeededValuesGivesTheSeededLogitsOnOneAndTwoRanks() throws IOException {
        long seed = 11;
        Path file = writeSeededCheckpoint(ModelConfigs.TINY, seed, "F32");
        ExecutorOptions seeded = ExecutorOptions.defaults().withSeed(seed).withDeviceCapacity(64L << 20);
        var expected = ParallelExecutorTest.run(seeded, 1);
        ParallelExecutorTest.assertClose(ParallelExecutorTest.run(seeded.withWeights(file), 1), expected, 0f);
        ParallelExecutorTest.assertClose(ParallelExecutorTest.run(seeded.withWeights(dir).withParallelism(2, 1), 1), expected, 2e-4f);
    }

    @Test
    void tiedEmbeddingsAndAttentionBiasLoadFromACheckpointWithoutAnLmHead() throws IOException {
        ModelConfig qwenLike = new ModelConfig("tiny-qwen", 128, 2, 4, 2, 256, 512, 256, 1e6, 1e-6, true, "float32",
                RopeScaling.llama3(8.0, 1.0, 4.0, 64), true);
        Path file = writeSeededCheckpoint(qwenLike, 3, "F32");
        assertThat(SafetensorsFile.open(file).entries()).doesNotContainKey("lm_head.weight")
                .containsKey("model.layers.0.self_attn.k_proj.bias");
        ExecutorOptions seeded = ExecutorOptions.defaults().withSeed(3).withDeviceCapacity(64L << 20);
        var expected = ParallelExecutorTest.run(qwenLike, seeded, 1);
        ParallelExecutorTest.assertClose(ParallelExecutorTest.run(qwenLike, seeded.withWeights(file).withParallelism(2, 1), 1),
                expected, 2e-4f);
    }
}
