package dev.chronoscope.engine.core.request;

import dev.chronoscope.engine.kv.BlockHash;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One request's state inside the engine, owned by the engine thread. Like vLLM V1 it has no prefill or
 * decode phase: {@code numComputedTokens} chases {@code numTokens()} (prompt plus output), one chunk or
 * one token per step.
 */
public final class Request {
    private final String id;
    private final int numPromptTokens;
    private final List<Integer> tokens;
    private final GenerationParams params;
    private final long arrivalNanos;
    private final List<BlockHash> blockHashes = new ArrayList<>();
    private RequestStatus status = RequestStatus.WAITING;
    private int numComputedTokens;
    private int numCachedTokens = -1;
    private int numPreemptions;
    private FinishReason finishReason;
    private long firstTokenNanos = -1;
    private long lastTokenNanos = -1;

    public Request(String id, int[] promptTokenIds, GenerationParams params, long arrivalNanos) {
        if (promptTokenIds.length == 0) {
            throw new IllegalArgumentException("request " + id + " has an empty prompt");
        }
        this.id = id;
        this.numPromptTokens = promptTokenIds.length;
        this.tokens = new ArrayList<>(promptTokenIds.length + params.maxTokens());
        for (int t : promptTokenIds) {
            tokens.add(t);
        }
        this.params = params;
        this.arrivalNanos = arrivalNanos;
    }

    public String id() { return id; }

    public GenerationParams params() { return params; }

    public int priority() { return params.priority(); }

    public long arrivalNanos() { return arrivalNanos; }

    public int numPromptTokens() { return numPromptTokens; }

    public int numOutputTokens() { return tokens.size() - numPromptTokens; }

    /** Prompt plus generated tokens. */
    public int numTokens() { return tokens.size(); }

    /** Prompt then output tokens, read-only. */
    public List<Integer> allTokens() { return Collections.unmodifiableList(tokens); }

    public int[] tokenRange(int from, int to) {
        int[] out = new int[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = tokens.get(i);
        }
        return out;
    }

    public int lastToken() { return tokens.getLast(); }

    public void appendOutputToken(int tokenId) { tokens.add(tokenId); }

    /** Hashes of this request's full blocks, extended as tokens arrive (prefix caching). */
    public List<BlockHash> blockHashes() { return blockHashes; }

    public RequestStatus status() { return status; }

    public void setStatus(RequestStatus status) { this.status = status; }

    public int numComputedTokens() { return numComputedTokens; }

    public void setNumComputedTokens(int n) { this.numComputedTokens = n; }

    /** Prompt tokens served from the prefix cache when first scheduled; -1 before that. */
    public int numCachedTokens() { return numCachedTokens; }

    public void setNumCachedTokens(int n) { this.numCachedTokens = n; }

    public int numPreemptions() { return numPreemptions; }

    public void countPreemption() { numPreemptions++; }

    public FinishReason finishReason() { return finishReason; }

    public boolean isFinished() { return status == RequestStatus.FINISHED; }

    public void finish(FinishReason reason) {
        this.status = RequestStatus.FINISHED;
        this.finishReason = reason;
    }

    public long firstTokenNanos() { return firstTokenNanos; }

    public long lastTokenNanos() { return lastTokenNanos; }

    /** Records when a new output token reached the client side of the engine. */
    public void markTokenTime(long nanos) {
        if (firstTokenNanos < 0) {
            firstTokenNanos = nanos;
        }
        lastTokenNanos = nanos;
    }

    @Override
    public String toString() {
        return "Request[" + id + ", " + status + ", computed " + numComputedTokens + "/" + numTokens() + "]";
    }
}
