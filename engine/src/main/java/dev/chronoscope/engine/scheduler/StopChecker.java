package dev.chronoscope.engine.scheduler;

import dev.chronoscope.engine.core.request.FinishReason;
import dev.chronoscope.engine.core.request.Request;

/** Decides, after each new token, whether a request is done (vLLM's check_stop, in its order). */
final class StopChecker {
    private final int maxModelLen;

    StopChecker(int maxModelLen) {
        this.maxModelLen = maxModelLen;
    }

    /** The reason to stop now, or null to continue. */
    FinishReason check(Request request) {
        if (request.numTokens() >= maxModelLen || request.numOutputTokens() >= request.params().maxTokens()) {
            return FinishReason.LENGTH;
        }
        if (request.numOutputTokens() < request.params().minTokens()) {
            return null;
        }
        boolean eos = request.params().eosTokenId() >= 0 && request.lastToken() == request.params().eosTokenId();
        return eos && !request.params().ignoreEos() ? FinishReason.STOP : null;
    }
}
