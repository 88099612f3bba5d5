package dev.chronoscope.engine.executor;

import dev.chronoscope.engine.device.DeviceOutOfMemoryError;
import dev.chronoscope.engine.model.ModelConfigs;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfilingAndErrorsTest {
    private static final long CAPACITY = 32L << 20;

    private static ExecutorOptions options() {
        return ExecutorOptions.defaults().withDeviceCapacity(CAPACITY).withMaxNumSeqs(64);
    }

    @Test
    void profiledBlocksFillTheBudgetAndNoMore() {
        try (ParallelExecutor ex = ModelExecutors.create(ModelConfigs.TINY, options())) {
            int blocks = ex.profileNumKvBlocks(16, 0.9, 256);
            int fewer = ex.profileNumKvBlocks(16, 0.7, 256);
            // one tiny KV block: 2 (K, V) × 4 layers × 16 tokens × 4 kv heads × 32 dims × 4 bytes = 64 KiB
            long blockBytes = 2L * 4 * 16 * 4 * 32 * 4;
            assertThat(fewer).isGreaterThan(0);
            assertThat(blocks - fewer).isBetween((int) (0.2 * CAPACITY / blockBytes) - 1, (int) (0.2 * CAPACITY / blockBytes) + 1);
            long weights = ex.weightBytesPerRank()[0];
            assertThat(weights).isEqualTo(ModelConfigs.TINY.parameterCount() * 4);
            assertThat(blocks * blockBytes + weights).isLessThan((long) (0.9 * CAPACITY));
            ex.initializeKvCache(blocks, 16);
            // the remaining 10% is not enough for a cache that large again
            assertThatThrownBy(() -> ex.initializeKvCache(blocks * 2, 16)).isInstanceOf(DeviceOutOfMemoryError.class);
        }
    }

    @Test
    void tensorParallelRanksFitMoreBlocksEach() {
        int one, two;
        try (ParallelExecutor ex = ModelExecutors.create(ModelConfigs.TINY, options())) {
            one = ex.profileNumKvBlocks(16, 0.9, 256);
        }
        try (ParallelExecutor ex = ModelExecutors.create(ModelConfigs.TINY, options().withParallelism(2, 1))) {
            two = ex.profileNumKvBlocks(16, 0.9, 256);
        }
        assertThat(two).isGreaterThan(2 * one);
    }

    @Test
    void aBadStepNamesTheRequestAndLeavesTheExecutorUsable() {
        try (ParallelExecutor ex = ModelExecutors.create(ModelConfigs.TINY, options())) {
            ex.initializeKvCache(8, 16);
            var seq = new ScheduledSequence("req-short", new int[20], 0, new int[]{0}, true, SamplingParams.GREEDY);
            assertThatThrownBy(() -> ex.execute(new StepInput(0, List.of(seq))))
                    .hasMessageContaining("req-short").hasMessageContaining("20 tokens");
            var badToken = new ScheduledSequence("req-token", new int[]{1, 512}, 0, new int[]{0}, true, SamplingParams.GREEDY);
            assertThatThrownBy(() -> ex.execute(new StepInput(1, List.of(badToken))))
                    .hasMessageContaining("req-token").hasMessageContaining("token id 512");
            // a rejected step leaves the executor usable
            var good = new ScheduledSequence("req-ok", new int[]{1, 2, 3}, 0, new int[]{0}, true, SamplingParams.GREEDY);
            assertThat(ex.execute(new StepInput(2, List.of(good))).sampledTokens()).containsOnlyKeys("req-ok");
        }
    }

    @Test
    void aSequenceLongerThanMaxModelLenIsRefused() {
        try (ParallelExecutor ex = ModelExecutors.create(ModelConfigs.TINY, options().withMaxModelLen(64))) {
            ex.initializeKvCache(16, 16);
            var seq = new ScheduledSequence("req-long", new int[80], 0, new int[]{0, 1, 2, 3, 4}, true, SamplingParams.GREEDY);
            assertThatThrownBy(() -> ex.execute(new StepInput(0, List.of(seq))))
                    .hasMessageContaining("req-long").hasMessageContaining("80 tokens exceed the maximum model length 64");
        }
    }

    @Test
    void aWeightsFileThatIsMissingFailsBeforeServing() {
        assertThatThrownBy(() -> ModelExecutors.create(ModelConfigs.TINY, options().withWeights(java.nio.file.Path.of("/nonexistent/w.safetensors"))))
                .hasMessageContaining("/nonexistent/w.safetensors");
    }

    @Test
    void aWorkerProcessThatCannotStartFailsTheExecutorWithItsReason() {
        assertThatThrownBy(() -> ModelExecutors.create(ModelConfigs.TINY, options().withParallelism(2, 1)
                .withBackend(ExecutorOptions.MP).withWeights(java.nio.file.Path.of("/nonexistent/w.safetensors"))))
                .hasMessageContaining("worker rank").hasMessageContaining("/nonexistent/w.safetensors");
    }

    @Test
    void seededSamplingIsReproducibleAcrossRunsAndBackends() {
        SamplingParams sp = new SamplingParams(0.8, 0.9, 50, 1234);
        var first = sampled(options(), sp);
        assertThat(sampled(options(), sp)).isEqualTo(first);
        assertThat(sampled(options().withParallelism(1, 2), sp)).isEqualTo(first);
    }

    private static List<Integer> sampled(ExecutorOptions o, SamplingParams sp) {
        try (ParallelExecutor ex = ModelExecutors.create(ModelConfigs.TINY, o.withSeed(3))) {
            ex.initializeKvCache(64, 16);
            var out = new java.util.ArrayList<Integer>();
            int[] table = {0, 1, 2, 3};
            int token = 'a';
            var seq = new ScheduledSequence("r", new int[]{'h', 'i', ' '}, 0, table, true, sp);
            for (int step = 0; step < 6; step++) {
                token = ex.execute(new StepInput(step, List.of(seq))).sampledTokens().get("r");
                out.add(token);
                seq = new ScheduledSequence("r", new int[]{token}, seq.numComputedTokens() + seq.tokenIds().length, table, true, sp);
            }
            return out;
        }
    }
}
