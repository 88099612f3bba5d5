package dev.chronoscope.engine.client;

import dev.chronoscope.engine.executor.SamplingParams;

/**
 * A completion request with the OpenAI API's semantics, in engine terms.
 *
 * @param maxTokens null means "up to max_model_len" (the chat API's default)
 * @param priority  lower is served first under the priority policy
 */
public record GenerationRequest(Prompt prompt, Integer maxTokens, int minTokens, boolean ignoreEos,
                                SamplingParams sampling, int priority) {

    public static GenerationRequest of(Prompt prompt, int maxTokens) {
        return new GenerationRequest(prompt, maxTokens, 0, false, SamplingParams.GREEDY, 0);
    }

    public GenerationRequest withIgnoreEos(boolean value) {
        return new GenerationRequest(prompt, maxTokens, minTokens, value, sampling, priority);
    }
}
