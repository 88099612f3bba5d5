package dev.chronoscope.engine.scheduler;

import dev.chronoscope.engine.core.request.FinishReason;
import dev.chronoscope.engine.core.request.Request;

/** A token appended to a request after a step; {@code finishReason} is non-null when that ended it. */
public record TokenUpdate(Request request, int tokenId, FinishReason finishReason) {
    public boolean finished() { return finishReason != null; }
}
