package dev.chronoscope.engine.cli;

/**
 * What {@code serve} asks of a model backend.
 *
 * @param model                      a preset name or a HuggingFace config.json path
 * @param distributedExecutorBackend "mp" (one process per rank) or null for the backend's default
 */
public record ExecutorSpec(String model, int tensorParallelSize, int pipelineParallelSize,
                           String distributedExecutorBackend) {}
