package dev.chronoscope.engine.executor;

import dev.chronoscope.engine.model.ModelConfig;
import dev.chronoscope.engine.worker.RunnerOptions;
import dev.chronoscope.engine.worker.WorkerSpec;

/** Creates the executor for a model and deployment: the one entry point the engine core needs. */
public final class ModelExecutors {
    private ModelExecutors() {}

    public static ParallelExecutor create(ModelConfig config, ExecutorOptions options) {
        ModelConfig effective = options.dtype() == null ? config : config.withTorchDtype(options.dtype());
        WorkerSpec spec = new WorkerSpec(effective, options.tensorParallelSize(), options.pipelineParallelSize(),
                options.seed(), options.weightsPath() == null ? null : options.weightsPath().toAbsolutePath().toString(),
                options.deviceCapacityBytes(), new RunnerOptions(options.maxNumSeqs(), options.maxModelLen(), options.enforceEager()));
        return ExecutorOptions.MP.equals(options.backend()) ? MultiprocessExecutor.start(spec) : InProcessExecutor.start(spec);
    }
}
