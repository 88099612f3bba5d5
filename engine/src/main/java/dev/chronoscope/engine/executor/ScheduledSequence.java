package dev.chronoscope.engine.executor;

/**
 * One request's share of a step.
 *
 * @param requestId         the request
 * @param tokenIds          the tokens to compute this step (a prefill chunk, or one decode token)
 * @param numComputedTokens tokens of this request already in the KV cache (the position of tokenIds[0])
 * @param blockTable        physical KV block ids holding positions 0.. of this request
 * @param sample            true when this step ends the prompt or decodes, so a next token is sampled
 * @param sampling          how to sample
 */
public record ScheduledSequence(String requestId, int[] tokenIds, int numComputedTokens, int[] blockTable,
                                boolean sample, SamplingParams sampling) {
    public boolean isPrefill() { return tokenIds.length > 1 || numComputedTokens == 0; }
}
