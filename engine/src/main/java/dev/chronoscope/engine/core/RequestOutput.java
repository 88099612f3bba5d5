package dev.chronoscope.engine.core;

import dev.chronoscope.engine.core.request.FinishReason;

/**
 * One event of a request's output stream: a new token, the end of the request, or both.
 *
 * @param tokenId         the new token, or -1 when this event carries none (abort, error)
 * @param timeNanos       when the engine emitted it (System.nanoTime scale)
 * @param finishReason    non-null on the request's last event
 * @param numPromptTokens prompt length
 * @param numOutputTokens tokens generated so far
 * @param numCachedTokens prompt tokens served from the prefix cache
 * @param error           what went wrong when {@code finishReason} is ERROR, else null
 */
public record RequestOutput(int tokenId, long timeNanos, FinishReason finishReason, int numPromptTokens,
                            int numOutputTokens, int numCachedTokens, String error) {

    public boolean hasToken() { return tokenId >= 0; }

    public boolean finished() { return finishReason != null; }
}
