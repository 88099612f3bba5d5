package dev.chronoscope.engine.core;

import dev.chronoscope.engine.scheduler.SchedulerConfig;
import dev.chronoscope.engine.scheduler.SchedulingPolicy;

/**
 * The engine's knobs, named and defaulted as in vLLM. Zero for {@code maxModelLen} means the model's
 * max_position_embeddings; zero for {@code maxNumBatchedTokens} means vLLM's default for the chunking mode.
 */
public record EngineConfig(int maxNumSeqs, int maxNumBatchedTokens, int blockSize, double gpuMemoryUtilization,
                           boolean enablePrefixCaching, boolean enableChunkedPrefill, int maxModelLen,
                           SchedulingPolicy policy) {

    public static EngineConfig defaults() {
        return new EngineConfig(SchedulerConfig.DEFAULT_MAX_NUM_SEQS, 0, 16, 0.9, true, true, 0,
                SchedulingPolicy.FCFS);
    }

    public EngineConfig {
        if (blockSize < 1) {
            throw new IllegalArgumentException("block_size must be positive, got " + blockSize);
        }
        if (!(gpuMemoryUtilization > 0 && gpuMemoryUtilization <= 1)) {
            throw new IllegalArgumentException("gpu_memory_utilization must be in (0, 1], got " + gpuMemoryUtilization);
        }
        if (maxModelLen < 0 || maxNumBatchedTokens < 0) {
            throw new IllegalArgumentException("max_model_len and max_num_batched_tokens must not be negative");
        }
    }

    public EngineConfig withMaxModelLen(int value) {
        return new EngineConfig(maxNumSeqs, maxNumBatchedTokens, blockSize, gpuMemoryUtilization, enablePrefixCaching,
                enableChunkedPrefill, value, policy);
    }

    public EngineConfig withMaxNumBatchedTokens(int value) {
        return new EngineConfig(maxNumSeqs, value, blockSize, gpuMemoryUtilization, enablePrefixCaching,
                enableChunkedPrefill, maxModelLen, policy);
    }

    public EngineConfig withMaxNumSeqs(int value) {
        return new EngineConfig(value, maxNumBatchedTokens, blockSize, gpuMemoryUtilization, enablePrefixCaching,
                enableChunkedPrefill, maxModelLen, policy);
    }

    /** The scheduler's settings once the model's context length is known. */
    public SchedulerConfig schedulerConfig(int modelMaxPositions) {
        int modelLen = maxModelLen > 0 ? maxModelLen : modelMaxPositions;
        int budget = maxNumBatchedTokens > 0 ? maxNumBatchedTokens
                : enableChunkedPrefill ? SchedulerConfig.DEFAULT_MAX_NUM_BATCHED_TOKENS
                : Math.max(modelLen, SchedulerConfig.DEFAULT_MAX_NUM_BATCHED_TOKENS);
        return new SchedulerConfig(maxNumSeqs, budget, modelLen, enableChunkedPrefill, policy);
    }
}
