package dev.chronoscope.engine.core.request;

import dev.chronoscope.engine.executor.SamplingParams;

/**
 * What a client asked for, in tokens.
 *
 * @param maxTokens  most tokens to generate
 * @param minTokens  tokens to generate before the end-of-sequence token may stop the request
 * @param ignoreEos  keep generating past the end-of-sequence token (benchmarks use it for fixed lengths)
 * @param eosTokenId the tokenizer's end-of-sequence token, or -1 for none
 * @param priority   lower runs first under the priority policy (vLLM's convention)
 */
public record GenerationParams(int maxTokens, int minTokens, boolean ignoreEos, int eosTokenId, int priority,
                               SamplingParams sampling) {
    public GenerationParams {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("max_tokens must be at least 1, got " + maxTokens);
        }
        if (minTokens < 0 || minTokens > maxTokens) {
            throw new IllegalArgumentException("min_tokens must be in [0, max_tokens=" + maxTokens + "], got " + minTokens);
        }
    }
}
