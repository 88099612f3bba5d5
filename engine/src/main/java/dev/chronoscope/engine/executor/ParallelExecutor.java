package dev.chronoscope.engine.executor;

import dev.chronoscope.engine.worker.StepResult;

/** A {@link ModelExecutor} over tensor- and pipeline-parallel ranks, which can also return logits. */
public interface ParallelExecutor extends ModelExecutor {

    /** Runs a step like {@link #execute} and also returns each sampled row's full-vocabulary logits. */
    StepResult executeWithLogits(StepInput input);

    /** Bytes of weights on each rank, by world rank. */
    long[] weightBytesPerRank();
}
