package dev.chronoscope.engine.scheduler;

import dev.chronoscope.engine.core.request.Request;
import dev.chronoscope.engine.executor.ScheduledSequence;

/**
 * One request's share of a step, fixed at scheduling time.
 *
 * @param numComputedBefore tokens already in the KV cache before this step
 * @param tokenIds          the tokens this step computes
 * @param blockTable        the request's KV blocks after allocation
 * @param sample            whether this step samples a next token (the chunk reaches the last known token)
 * @param newlyScheduled    taken from the waiting queue this step (new or resumed after preemption)
 * @param numCachedTokens   tokens found in the prefix cache when newly scheduled, else 0
 */
public record ScheduledRequest(Request request, int numComputedBefore, int[] tokenIds, int[] blockTable,
                               boolean sample, boolean newlyScheduled, int numCachedTokens) {

    public int numNewTokens() { return tokenIds.length; }

    /** A prefill chunk (prompt, or recompute after preemption) rather than one decode token. */
    public boolean isPrefill() { return numComputedBefore < request.numPromptTokens() || tokenIds.length > 1; }

    public ScheduledSequence toSequence() {
        return new ScheduledSequence(request.id(), tokenIds, numComputedBefore, blockTable, sample,
                request.params().sampling());
    }
}
