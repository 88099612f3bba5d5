package dev.chronoscope.engine.core;

import dev.chronoscope.engine.core.request.FinishReason;

/** A finished request's life, for listeners; times on the System.nanoTime scale, -1 if it never happened. */
public record RequestStats(String requestId, FinishReason finishReason, int numPromptTokens, int numOutputTokens,
                           int numCachedTokens, int numPreemptions, long arrivalNanos, long firstTokenNanos,
                           long finishedNanos) {}
