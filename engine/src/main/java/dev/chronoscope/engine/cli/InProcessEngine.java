package dev.chronoscope.engine.cli;

import dev.chronoscope.engine.bench.InProcessRequestSender;
import dev.chronoscope.engine.client.EngineClient;
import dev.chronoscope.engine.core.EngineCore;

/** An engine started in this JVM for {@code bench --in-process}; closing stops the core, then the executor. */
final class InProcessEngine implements AutoCloseable {
    private final ModelBackend backend;
    private final EngineCore core;
    private final EngineClient client;

    private InProcessEngine(ModelBackend backend, EngineCore core) {
        this.backend = backend;
        this.core = core;
        this.client = new EngineClient(core, backend.tokenizer(), backend.executor().config().name());
    }

    static InProcessEngine start(ModelBackendFactory backends, EngineOptions options, String model)
            throws Exception {
        ModelBackend backend = backends.create(options.executorSpec(model));
        try {
            return new InProcessEngine(backend, EngineCore.start(backend.executor(), options.engineConfig()));
        } catch (Exception | Error e) {
            backend.executor().close();
            throw e;
        }
    }

    String modelName() { return client.modelName(); }

    InProcessRequestSender sender(boolean ignoreEos) { return new InProcessRequestSender(client, ignoreEos); }

    @Override
    public void close() {
        core.close();
        backend.executor().close();
    }
}
