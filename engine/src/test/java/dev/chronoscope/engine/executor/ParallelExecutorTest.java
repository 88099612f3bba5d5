package dev.chronoscope.engine.executor;

import dev.chronoscope.engine.model.ModelConfig;
import dev.chronoscope.engine.model.ModelConfigs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The tiny model gives the same logits however it is split across ranks, threads or processes. */
class ParallelExecutorTest {
    private static final int DECODE_STEPS = 3;
    private static List<Map<String, float[]>> reference;

    private static ExecutorOptions options() {
        return ExecutorOptions.defaults().withSeed(7).withDeviceCapacity(64L << 20);
    }

    static List<Map<String, float[]>> run(ExecutorOptions options, int blockStride) {
        return run(ModelConfigs.TINY, options, blockStride);
    }

    static List<Map<String, float[]>> run(ModelConfig config, ExecutorOptions options, int blockStride) {
        try (ParallelExecutor ex = ModelExecutors.create(config, options)) {
            ex.initializeKvCache(256, TinyDriver.BLOCK_SIZE);
            return new TinyDriver(ex, blockStride).run(TinyDriver.prompts(), DECODE_STEPS, SamplingParams.GREEDY);
        }
    }

    @BeforeAll
    static void runReference() {
        reference = run(options(), 1);
    }

    static void assertClose(List<Map<String, float[]>> actual, List<Map<String, float[]>> expected, float tolerance) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int step = 0; step < expected.size(); step++) {
            assertThat(actual.get(step).keySet()).isEqualTo(expected.get(step).keySet());
            for (var e : expected.get(step).entrySet()) {
                float[] a = actual.get(step).get(e.getKey()), x = e.getValue();
                assertThat(a).hasSize(x.length);
                for (int v = 0; v < x.length; v++) {
                    assertThat(a[v]).as("step %d %s logit %d", step, e.getKey(), v).isCloseTo(x[v], org.assertj.core.data.Offset.offset(tolerance));
                }
            }
        }
    }

    @Test
    void referenceLogitsAreFiniteAndDistinct() {
        float[] row = reference.get(0).get("req-0");
        assertThat(row).hasSize(ModelConfigs.TINY.vocabSize());
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (float f : row) {
            assertThat(Float.isFinite(f)).isTrue();
            min = Math.min(min, f);
            max = Math.max(max, f);
        }
        assertThat(max - min).isGreaterThan(0.1f);
    }

    @Test
    void sameSeedGivesIdenticalLogitsAndAnotherSeedDoesNot() {
        List<Map<String, float[]>> again = run(options(), 1);
        assertClose(again, reference, 0f);
        List<Map<String, float[]>> other = run(options().withSeed(8), 1);
        assertThat(other.get(0).get("req-0")).isNotEqualTo(reference.get(0).get("req-0"));
    }

    @Test
    void scatteredKvBlocksGiveTheSameLogits() {
        assertClose(run(options(), 3), reference, 0f);
    }

    @Test
    void tensorParallelTwoInProcessMatches() {
        assertClose(run(options().withParallelism(2, 1), 1), reference, 2e-4f);
    }

    @Test
    void pipelineParallelTwoInProcessMatches() {
        assertClose(run(options().withParallelism(1, 2), 1), reference, 0f);
    }

    @Test
    void tensorAndPipelineParallelTogetherMatch() {
        assertClose(run(options().withParallelism(2, 2), 1), reference, 2e-4f);
    }

    @Test
    void eagerExecutionMatchesGraphReplayExactly() {
        assertClose(run(options().withEnforceEager(true), 1), reference, 0f);
    }

    @Test
    void tensorParallelTwoAcrossProcessesMatches() {
        assertClose(run(options().withParallelism(2, 1).withBackend(ExecutorOptions.MP), 1), reference, 2e-4f);
    }

    @Test
    void pipelineParallelTwoAcrossProcessesMatches() {
        assertClose(run(options().withParallelism(1, 2).withBackend(ExecutorOptions.MP), 1), reference, 0f);
    }
}
