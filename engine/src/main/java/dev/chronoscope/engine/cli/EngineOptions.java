package dev.chronoscope.engine.cli;

import dev.chronoscope.engine.core.EngineConfig;
import dev.chronoscope.engine.scheduler.SchedulerConfig;
import dev.chronoscope.engine.scheduler.SchedulingPolicy;
import picocli.CommandLine.Option;

/**
 * The engine knobs, with vLLM's names and defaults: a picocli mixin shared by {@code serve} and by
 * {@code bench --in-process}, which starts the engine in the benchmark's own JVM as
 * {@code vllm bench throughput} does.
 */
public final class EngineOptions {

    @Option(names = "--max-num-seqs", defaultValue = "256", description = "Most requests running at once (default: ${DEFAULT-VALUE}).")
    int maxNumSeqs;

    @Option(names = "--max-num-batched-tokens", description = "Token budget per step (default: "
            + SchedulerConfig.DEFAULT_MAX_NUM_BATCHED_TOKENS + " with chunked prefill, else max(max-model-len, "
            + SchedulerConfig.DEFAULT_MAX_NUM_BATCHED_TOKENS + ")).")
    Integer maxNumBatchedTokens;

    @Option(names = "--block-size", defaultValue = "16", description = "Tokens per KV block (default: ${DEFAULT-VALUE}).")
    int blockSize;

    @Option(names = "--gpu-memory-utilization", defaultValue = "0.9", description = "Fraction of device memory for the engine (default: ${DEFAULT-VALUE}).")
    double gpuMemoryUtilization;

    @Option(names = "--enable-prefix-caching", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Reuse KV blocks of shared prefixes (default: on).")
    boolean enablePrefixCaching;

    @Option(names = "--enable-chunked-prefill", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Split long prompts over steps (default: on).")
    boolean enableChunkedPrefill;

    @Option(names = "--max-model-len", description = "Longest sequence, prompt plus output (default: the model's).")
    Integer maxModelLen;

    @Option(names = "--scheduling-policy", defaultValue = "fcfs", description = "fcfs or priority (default: ${DEFAULT-VALUE}).")
    String schedulingPolicy;

    @Option(names = {"--tensor-parallel-size", "-tp"}, defaultValue = "1", description = "Tensor-parallel ranks (default: ${DEFAULT-VALUE}).")
    int tensorParallelSize;

    @Option(names = {"--pipeline-parallel-size", "-pp"}, defaultValue = "1", description = "Pipeline stages (default: ${DEFAULT-VALUE}).")
    int pipelineParallelSize;

    @Option(names = "--distributed-executor-backend", description = "mp: one process per rank (default: ranks as threads).")
    String distributedExecutorBackend;

    EngineConfig engineConfig() {
        SchedulingPolicy policy = switch (schedulingPolicy) {
            case "fcfs" -> SchedulingPolicy.FCFS;
            case "priority" -> SchedulingPolicy.PRIORITY;
            default -> throw new IllegalArgumentException("--scheduling-policy must be fcfs or priority, got '"
                    + schedulingPolicy + "'");
        };
        return new EngineConfig(maxNumSeqs, maxNumBatchedTokens == null ? 0 : maxNumBatchedTokens, blockSize,
                gpuMemoryUtilization, enablePrefixCaching, enableChunkedPrefill, maxModelLen == null ? 0 : maxModelLen,
                policy);
    }

    ExecutorSpec executorSpec(String model) {
        return new ExecutorSpec(model, tensorParallelSize, pipelineParallelSize, distributedExecutorBackend);
    }
}
