package dev.chronoscope.engine.executor;

import dev.chronoscope.engine.device.FillSpec;
import dev.chronoscope.engine.kernels.SeededFill;
import dev.chronoscope.engine.model.DeviceTensorSpec;
import dev.chronoscope.engine.model.ModelConfigs;
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

/**
 * A checkpoint holding exactly the seeded weights, written in HuggingFace layout, must give the
 * seeded model's logits: this checks the cutting and transposing of real checkpoints per rank.
 */
class CheckpointLoadingTest {
    @TempDir
    Path dir;

    @Test
    void checkpointWithTheSeededValuesGivesTheSeededLogitsOnOneAndTwoRanks() throws IOException {
        long seed = 11;
        Map<String, TensorPiece> tensors = new LinkedHashMap<>();
        for (DeviceTensorSpec spec : ShardPlan.of(ModelConfigs.TINY, Sharding.single())) {
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
        writer.write(file, "F32");

        ExecutorOptions seeded = ExecutorOptions.defaults().withSeed(seed).withDeviceCapacity(64L << 20);
        var expected = ParallelExecutorTest.run(seeded, 1);
        ParallelExecutorTest.assertClose(ParallelExecutorTest.run(seeded.withWeights(file), 1), expected, 0f);
        ParallelExecutorTest.assertClose(ParallelExecutorTest.run(seeded.withWeights(dir).withParallelism(2, 1), 1), expected, 2e-4f);
    }
}
