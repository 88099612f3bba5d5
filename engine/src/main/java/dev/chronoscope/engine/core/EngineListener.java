package dev.chronoscope.engine.core;

/**
 * Watches the engine work, step by step. Called on the engine thread between steps, so implementations
 * must return quickly and must not call back into the engine.
 */
public interface EngineListener {

    default void onRequestArrived(String requestId, int numPromptTokens, long timeNanos) {}

    default void onStep(StepReport step) {}

    default void onRequestFinished(RequestStats stats) {}
}
