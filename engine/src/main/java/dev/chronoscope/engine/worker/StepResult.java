package dev.chronoscope.engine.worker;

import java.util.Map;

/**
 * What the driver rank (last pipeline stage, tensor rank 0) reads back after a step: sampled
 * tokens by request, and on request the full-vocabulary logits of each sampled row.
 */
public record StepResult(Map<String, Integer> sampledTokens, Map<String, float[]> logits) {
    public static final StepResult EMPTY = new StepResult(Map.of(), Map.of());
}
