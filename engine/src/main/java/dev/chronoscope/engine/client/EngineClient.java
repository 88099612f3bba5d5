package dev.chronoscope.engine.client;

import dev.chronoscope.engine.core.EngineCore;
import dev.chronoscope.engine.core.EngineTokenizer;
import dev.chronoscope.engine.core.request.GenerationParams;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The in-process front end of the engine: validates and tokenizes requests, submits them, and streams text
 * back with timestamps. The HTTP API is a thin layer over it, so in-process load generators get the
 * same semantics and the same error messages as HTTP clients.
 */
public final class EngineClient {
    private final EngineCore core;
    private final EngineTokenizer tokenizer;
    private final String modelName;
    private final AtomicLong nextId = new AtomicLong();

    public EngineClient(EngineCore core, EngineTokenizer tokenizer, String modelName) {
        this.core = core;
        this.tokenizer = tokenizer;
        this.modelName = modelName;
    }

    public String modelName() { return modelName; }

    public int maxModelLen() { return core.maxModelLen(); }

    public EngineCore core() { return core; }

    public EngineTokenizer tokenizer() { return tokenizer; }

    public TokenStream generate(GenerationRequest request) throws InvalidRequestException {
        return generate("cmpl-" + nextId.incrementAndGet(), request);
    }

    public TokenStream generate(String requestId, GenerationRequest request) throws InvalidRequestException {
        int[] prompt = tokenize(request.prompt());
        int maxModelLen = core.maxModelLen();
        if (request.maxTokens() == null && prompt.length >= maxModelLen) {
            throw new InvalidRequestException("This model's maximum context length is " + maxModelLen
                    + " tokens. However, your request has " + prompt.length
                    + " input tokens. Please reduce the length of the input.", "prompt");
        }
        int maxTokens = request.maxTokens() == null ? maxModelLen - prompt.length : request.maxTokens();
        if (maxTokens < 1) {
            throw new InvalidRequestException("max_tokens must be at least 1, got " + maxTokens + ".", "max_tokens");
        }
        if (prompt.length + maxTokens > maxModelLen) {
            throw new InvalidRequestException("This model's maximum context length is " + maxModelLen
                    + " tokens. However, you requested " + (prompt.length + maxTokens) + " tokens (" + prompt.length
                    + " in the input, " + maxTokens + " in the completion). Please reduce the length of the input or"
                    + " completion.", "prompt");
        }
        if (request.minTokens() < 0 || request.minTokens() > maxTokens) {
            throw new InvalidRequestException("min_tokens must be between 0 and max_tokens (" + maxTokens + "), got "
                    + request.minTokens() + ".", "min_tokens");
        }
        GenerationParams params = new GenerationParams(maxTokens, request.minTokens(), request.ignoreEos(),
                tokenizer.eosTokenId(), request.priority(), request.sampling());
        long arrival = core.nanoTime();
        return new TokenStream(core.submit(requestId, prompt, params), tokenizer.newDecoder(), arrival);
    }

    private int[] tokenize(Prompt prompt) throws InvalidRequestException {
        int[] ids = switch (prompt) {
            case Prompt.Text(String text) -> tokenizer.encode(text);
            case Prompt.Tokens(int[] tokenIds) -> tokenIds;
        };
        if (ids.length == 0) {
            throw new InvalidRequestException("The prompt must not be empty.", "prompt");
        }
        // The model's embedding table bounds valid ids; a byte-level tokenizer's vocabulary may be smaller.
        int vocab = core.modelConfig().vocabSize();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocab) {
                throw new InvalidRequestException("Token id " + ids[i] + " at prompt position " + i
                        + " is out of the model's vocabulary [0, " + vocab + ").", "prompt");
            }
        }
        return ids;
    }
}
