package dev.chronoscope.engine.cli;

/**
 * THE ONE PLACE where {@code chronoscope serve} finds its model executor and tokenizer. The serving layer
 * (scheduler, KV manager, API) is complete; the model executors (engine.executor implementations) are
 * built separately and plug in here, e.g. {@code spec -> new ModelBackend(ModelExecutors.create(spec...),
 * tokenizer)}. Until they are wired, serve refuses to start with a message saying so.
 */
public final class ModelBackends {
    private ModelBackends() {}

    public static ModelBackendFactory standard() {
        return spec -> {
            throw new IllegalStateException("this build has no model executor wired into "
                    + ModelBackends.class.getName() + ", so it cannot serve '" + spec.model() + "'");
        };
    }
}
