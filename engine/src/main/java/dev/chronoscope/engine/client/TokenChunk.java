package dev.chronoscope.engine.client;

import dev.chronoscope.engine.core.request.FinishReason;

/**
 * One piece of a streamed completion.
 *
 * @param tokenId          the new token, or -1 when the chunk only ends the stream
 * @param text             the text this token completes (may be empty mid-character)
 * @param timeNanos        when the engine produced it, System.nanoTime scale
 * @param finishReason     non-null on the last chunk
 * @param promptTokens     prompt length in tokens
 * @param completionTokens tokens generated so far
 * @param error            what failed, when finishReason is ERROR
 */
public record TokenChunk(int tokenId, String text, long timeNanos, FinishReason finishReason, int promptTokens,
                         int completionTokens, int cachedTokens, String error) {

    public boolean finished() { return finishReason != null; }
}
