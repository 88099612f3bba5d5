package dev.chronoscope.engine.scheduler;

/**
 * The scheduler's knobs, with vLLM's names and defaults.
 *
 * @param maxNumSeqs          most requests running at once (vLLM: 256)
 * @param maxNumBatchedTokens token budget of one step, over all requests
 * @param maxModelLen         longest sequence, prompt plus output
 * @param chunkedPrefill      split long prompts over steps to fit the token budget
 * @param policy              waiting-queue order and preemption victim
 */
public record SchedulerConfig(int maxNumSeqs, int maxNumBatchedTokens, int maxModelLen, boolean chunkedPrefill,
                              SchedulingPolicy policy) {
    public static final int DEFAULT_MAX_NUM_SEQS = 256;
    /** vLLM V1's default token budget for online serving with chunked prefill. */
    public static final int DEFAULT_MAX_NUM_BATCHED_TOKENS = 2048;

    public SchedulerConfig {
        if (maxNumSeqs < 1) {
            throw new IllegalArgumentException("max_num_seqs must be at least 1, got " + maxNumSeqs);
        }
        if (maxNumBatchedTokens < 1) {
            throw new IllegalArgumentException("max_num_batched_tokens must be at least 1, got " + maxNumBatchedTokens);
        }
        if (maxModelLen < 2) {
            throw new IllegalArgumentException("max_model_len must be at least 2, got " + maxModelLen);
        }
        if (!chunkedPrefill && maxNumBatchedTokens < maxModelLen) {
            throw new IllegalArgumentException("without chunked prefill, max_num_batched_tokens (" + maxNumBatchedTokens
                    + ") must be at least max_model_len (" + maxModelLen + ") or long prompts could never run");
        }
    }
}
