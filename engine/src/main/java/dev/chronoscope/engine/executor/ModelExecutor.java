package dev.chronoscope.engine.executor;

import dev.chronoscope.engine.model.ModelConfig;

/**
 * The seam between the engine core (scheduler, KV manager, API) and the workers that run the model
 * on devices through the device runtime. One implementation runs ranks as threads in this process,
 * another as child processes over loopback TCP; both give the same tokens.
 */
public interface ModelExecutor extends AutoCloseable {

    ModelConfig config();

    /**
     * vLLM's memory-profiling pass: loads the weights, runs a dummy forward pass of
     * {@code maxNumBatchedTokens} tokens to find peak activation memory, and returns how many KV
     * blocks of {@code blockSize} tokens fit in
     * {@code gpuMemoryUtilization × total − weights − peak activations} on every rank.
     */
    int profileNumKvBlocks(int blockSize, double gpuMemoryUtilization, int maxNumBatchedTokens);

    /** Allocates the KV cache on every rank. */
    void initializeKvCache(int numBlocks, int blockSize);

    /** Runs one engine step: one forward pass over the scheduled tokens, then sampling. Blocking. */
    StepOutput execute(StepInput input);

    @Override
    void close();
}
