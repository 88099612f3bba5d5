package dev.chronoscope.engine.cli;

import dev.chronoscope.engine.core.ByteLevelTokenizer;
import dev.chronoscope.engine.executor.ExecutorOptions;
import dev.chronoscope.engine.executor.ModelExecutors;
import dev.chronoscope.engine.model.ModelConfigs;

/**
 * THE ONE PLACE where {@code chronoscope serve} and the in-process benchmark find their model executor and
 * tokenizer: the model's preset or config.json, seeded random weights, the byte-level tokenizer, and the
 * executor's defaults for everything {@link ExecutorSpec} does not name.
 */
public final class ModelBackends {
    private ModelBackends() {}

    public static ModelBackendFactory standard() {
        return spec -> {
            ExecutorOptions options = ExecutorOptions.defaults()
                    .withParallelism(spec.tensorParallelSize(), spec.pipelineParallelSize())
                    .withBackend(spec.distributedExecutorBackend() == null ? ExecutorOptions.INPROC
                            : spec.distributedExecutorBackend());
            return new ModelBackend(ModelExecutors.create(ModelConfigs.resolve(spec.model()), options),
                    new ByteLevelTokenizer());
        };
    }
}
