package dev.chronoscope.engine.cli;

/** Builds the model backend for {@code serve}; tests pass their own. */
@FunctionalInterface
public interface ModelBackendFactory {
    ModelBackend create(ExecutorSpec spec) throws Exception;
}
