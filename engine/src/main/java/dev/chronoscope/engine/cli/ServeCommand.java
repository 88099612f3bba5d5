package dev.chronoscope.engine.cli;

import dev.chronoscope.engine.api.ApiServer;
import dev.chronoscope.engine.api.ApiServerConfig;
import dev.chronoscope.engine.client.EngineClient;
import dev.chronoscope.engine.core.EngineConfig;
import dev.chronoscope.engine.core.EngineCore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    EngineOptions engine = new EngineOptions();

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
        EngineConfig config = engine.engineConfig();
        ApiServerConfig serverConfig = new ApiServerConfig(host, port, apiKey);
        ModelBackend backend = backends.create(engine.executorSpec(model));
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
                running.server().port(), core.numKvBlocks(), engine.blockSize, core.maxModelLen(),
                core.schedulerConfig().maxNumBatchedTokens());
        stopped.await();
        return 0;
    }

    private String backendName(Running running) {
        return servedModelName != null ? servedModelName : running.backend().executor().config().name();
    }
}
