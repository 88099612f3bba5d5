package dev.chronoscope.engine.core;

import java.util.List;

/**
 * What one engine step did: the batch, the KV cache after it, and the queue sizes.
 *
 * @param batch         each scheduled request's share, in batch order
 * @param preempted     requests preempted (by recompute) while scheduling this step
 * @param finished      requests that ended with this step's tokens
 * @param kvBlocksUsed  KV blocks held by requests after scheduling
 */
public record StepReport(long stepIndex, long startNanos, long endNanos, List<BatchEntry> batch, List<String> preempted,
                         List<String> finished, int numRunning, int numWaiting, int kvBlocksUsed, int kvBlocksFree,
                         int kvBlocksTotal) {

    public int totalTokens() {
        return batch.stream().mapToInt(BatchEntry::numTokens).sum();
    }

    /**
     * One request's share of a step.
     *
     * @param numComputedBefore tokens of the request already in the KV cache before the step
     * @param prefill           a prompt chunk (or recompute) rather than one decode token
     * @param newlyScheduled    admitted from the waiting queue this step
     * @param numCachedTokens   prefix-cache hit when newly scheduled, else 0
     * @param sampled           the step produced a token for this request
     */
    public record BatchEntry(String requestId, int numTokens, int numComputedBefore, boolean prefill,
                             boolean newlyScheduled, int numCachedTokens, boolean sampled) {}
}
