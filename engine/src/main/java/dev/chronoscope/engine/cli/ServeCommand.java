package dev.chronoscope.engine.cli;

import dev.chronoscope.engine.api.ApiServer;
import dev.chronoscope.engine.api.ApiServerConfig;
import dev.chronoscope.engine.client.EngineClient;
import dev.chronoscope.engine.core.EngineConfig;
import dev.chronoscope.engine.core.EngineCore;
import dev.chronoscope.engine.scheduler.SchedulerConfig;
import dev.chronoscope.engine.scheduler.SchedulingPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code chronoscope serve}: the engine behind its OpenAI-compatible API, with vLLM's option names. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a model over an OpenAI-compatible HTTP API (like 'vllm serve').")
public final class ServeCommand implements Callable<Integer> {
    private final ModelBackendFactory backends;

    @Option(names = "--model", required = true, description = "Preset name or path to a HuggingFace config.json.")
    String model;

    @Option(names = "--served-model-name", description = "Name clients use in 'model' (default: the model's name).")
    String servedModelName;

    @Option(names = "--host", defaultValue = ApiServerConfig.DEFAULT_HOST, description = "Interface to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8000", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--api-key", description = "Require 'Authorization: Bearer KEY' on /v1 routes.")
    String apiKey;

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

    public ServeCommand(ModelBackendFactory backends) {
        this.backends = backends;
    }

    /** A started server and everything behind it; closing stops them in order. */
    public record Running(ApiServer server, EngineCore core, ModelBackend backend) implements AutoCloseable {
        @Override
        public void close() {
            server.close();
            core.close();
            backend.executor().close();
        }
    }

    public Running start() throws Exception {
        SchedulingPolicy policy = switch (schedulingPolicy) {
            case "fcfs" -> SchedulingPolicy.FCFS;
            case "priority" -> SchedulingPolicy.PRIORITY;
            default -> throw new IllegalArgumentException("--scheduling-policy must be fcfs or priority, got '"
                    + schedulingPolicy + "'");
        };
        EngineConfig config = new EngineConfig(maxNumSeqs, maxNumBatchedTokens == null ? 0 : maxNumBatchedTokens,
                blockSize, gpuMemoryUtilization, enablePrefixCaching, enableChunkedPrefill,
                maxModelLen == null ? 0 : maxModelLen, policy);
        ApiServerConfig serverConfig = new ApiServerConfig(host, port, apiKey);
        ModelBackend backend = backends.create(new ExecutorSpec(model, tensorParallelSize, pipelineParallelSize,
                distributedExecutorBackend));
        EngineCore core = null;
        try {
            core = EngineCore.start(backend.executor(), config);
            String name = servedModelName != null ? servedModelName : backend.executor().config().name();
            EngineClient client = new EngineClient(core, backend.tokenizer(), name);
            return new Running(ApiServer.start(client, serverConfig), core, backend);
        } catch (Exception | Error e) {
            if (core != null) {
                core.close();
            }
            backend.executor().close();
            throw e;
        }
    }

    @Override
    public Integer call() throws Exception {
        Running running = start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "serve-shutdown"));
        EngineCore core = running.core();
        System.out.printf("Serving %s on http://%s:%d (KV cache: %d blocks of %d tokens, max_model_len %d,"
                        + " max_num_batched_tokens %d)%n", backendName(running), running.server().host(),
                running.server().port(), core.numKvBlocks(), blockSize, core.maxModelLen(),
                core.schedulerConfig().maxNumBatchedTokens());
        stopped.await();
        return 0;
    }

    private String backendName(Running running) {
        return servedModelName != null ? servedModelName : running.backend().executor().config().name();
    }
}
