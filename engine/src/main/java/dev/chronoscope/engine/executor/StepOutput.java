package dev.chronoscope.engine.executor;

import java.util.Map;

/** The token sampled for each sequence that asked for one, by request id. */
public record StepOutput(long stepIndex, Map<String, Integer> sampledTokens) {}
