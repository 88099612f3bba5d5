package dev.chronoscope.engine.worker;

import dev.chronoscope.engine.executor.ScheduledSequence;
import dev.chronoscope.engine.executor.StepInput;
import dev.chronoscope.engine.model.ModelConfig;

import java.util.HashSet;
import java.util.Set;

/**
 * Rejects a step that cannot run, before any rank starts it, so a bad step leaves the executor
 * usable: unknown token ids, duplicate requests, block tables too short for the context.
 */
public final class StepChecks {
    private StepChecks() {}

    public static void check(StepInput step, ModelConfig config, int blockSize, int maxModelLen) {
        if (blockSize <= 0) throw new IllegalStateException("KV cache not initialised");
        Set<String> seen = new HashSet<>();
        int maxBlocks = (maxModelLen + blockSize - 1) / blockSize;
        for (ScheduledSequence s : step.sequences()) {
            String id = s.requestId();
            if (!seen.add(id)) throw new IllegalArgumentException("request " + id + " appears twice in step " + step.stepIndex());
            if (s.tokenIds().length == 0) throw new IllegalArgumentException("request " + id + ": no tokens to compute");
            if (s.numComputedTokens() < 0) throw new IllegalArgumentException("request " + id + ": negative computed-token count");
            for (int t : s.tokenIds()) {
                if (t < 0 || t >= config.vocabSize()) {
                    throw new IllegalArgumentException("request " + id + ": token id " + t + " is outside the vocabulary of "
                            + config.vocabSize());
                }
            }
            int ctx = s.numComputedTokens() + s.tokenIds().length;
            if (ctx > maxModelLen) {
                throw new IllegalArgumentException("request " + id + ": " + ctx + " tokens exceed the maximum model length "
                        + maxModelLen);
            }
            int needed = (ctx + blockSize - 1) / blockSize;
            if (s.blockTable().length < needed || needed > maxBlocks) {
                throw new IllegalArgumentException("request " + id + ": block table of " + s.blockTable().length
                        + " blocks cannot hold " + ctx + " tokens (block size " + blockSize + ", at most "
                        + maxBlocks + " blocks per sequence)");
            }
        }
    }

    /** The context length a deployment allows: the option when set, else the model's maximum. */
    public static int maxModelLen(ModelConfig config, RunnerOptions options) {
        return options.maxModelLen() > 0 ? Math.min(options.maxModelLen(), config.maxPositionEmbeddings())
                : config.maxPositionEmbeddings();
    }
}
