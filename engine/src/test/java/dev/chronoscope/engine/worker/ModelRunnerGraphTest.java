package dev.chronoscope.engine.worker;

import dev.chronoscope.engine.device.Devices;
import dev.chronoscope.engine.dist.InProcessGroup;
import dev.chronoscope.engine.executor.SamplingParams;
import dev.chronoscope.engine.executor.ScheduledSequence;
import dev.chronoscope.engine.executor.StepInput;
import dev.chronoscope.engine.model.ModelConfigs;
import dev.chronoscope.engine.model.Sharding;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ModelRunnerGraphTest {

    private static ModelRunner runner(boolean eager) {
        ModelRunner r = new ModelRunner(ModelConfigs.TINY, Sharding.single(), Devices.open(0, 64L << 20),
                new InProcessGroup(1).transport(0), new InProcessGroup(1).transport(0), new RunnerOptions(64, 0, eager));
        r.loadWeights(new SeededWeightLoader(5));
        r.initializeKvCache(32, 16);
        return r;
    }

    /** Prefill then decode three sequences; returns the decode steps' logits of req-1. */
    private static List<float[]> decode(ModelRunner r, int steps) {
        List<ScheduledSequence> step = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            step.add(new ScheduledSequence("req-" + i, new int[]{'a' + i, 'b', 'c', 'd', 'e'}, 0, new int[]{i * 4, i * 4 + 1},
                    true, SamplingParams.GREEDY));
        }
        List<float[]> logits = new ArrayList<>();
        for (int s = 0; s <= steps; s++) {
            StepResult result = r.execute(new StepInput(s, step), true);
            if (s > 0) logits.add(result.logits().get("req-1"));
            List<ScheduledSequence> next = new ArrayList<>();
            for (ScheduledSequence q : step) {
                next.add(new ScheduledSequence(q.requestId(), new int[]{result.sampledTokens().get(q.requestId())},
                        q.numComputedTokens() + q.tokenIds().length, q.blockTable(), true, SamplingParams.GREEDY));
            }
            step = next;
        }
        return logits;
    }

    @Test
    void decodeBatchesArePaddedToACaptureSizeAndReplayedWithEagerResults() {
        try (ModelRunner graphs = runner(false); ModelRunner eager = runner(true)) {
            List<float[]> replayed = decode(graphs, 3), computed = decode(eager, 3);
            assertThat(graphs.capturedGraphSizes()).containsExactly(4);
            assertThat(eager.capturedGraphSizes()).isEmpty();
            for (int i = 0; i < replayed.size(); i++) assertThat(replayed.get(i)).containsExactly(computed.get(i));
        }
    }

    @Test
    void captureSizesFollowVllm() {
        assertThat(CaptureSizes.paddedSize(1, 512)).isEqualTo(1);
        assertThat(CaptureSizes.paddedSize(3, 512)).isEqualTo(4);
        assertThat(CaptureSizes.paddedSize(5, 512)).isEqualTo(8);
        assertThat(CaptureSizes.paddedSize(17, 512)).isEqualTo(24);
        assertThat(CaptureSizes.paddedSize(512, 512)).isEqualTo(512);
        assertThat(CaptureSizes.paddedSize(513, 1024)).isEqualTo(-1);
        assertThat(CaptureSizes.paddedSize(40, 32)).isEqualTo(-1);
    }
}
