package dev.chronoscope.engine.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.chronoscope.engine.client.EngineClient;
import dev.chronoscope.engine.client.InvalidRequestException;
import dev.chronoscope.engine.client.TokenChunk;
import dev.chronoscope.engine.client.TokenStream;
import dev.chronoscope.engine.core.request.FinishReason;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import java.util.function.Function;

/** POST /v1/completions and /v1/chat/completions: whole responses, or SSE streams of chunks. */
final class GenerationEndpoint implements Route.Endpoint {
    /** Far above any prompt a model context holds; stops a runaway client from exhausting memory. */
    static final int MAX_BODY_BYTES = 32 << 20;

    private final EngineClient client;
    private final ResponseShape shape;
    private final Function<byte[], ParsedRequest> parser;

    GenerationEndpoint(EngineClient client, ResponseShape shape, Function<byte[], ParsedRequest> parser) {
        this.client = client;
        this.shape = shape;
        this.parser = parser;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new ApiException(413, "RequestTooLarge", "The request body exceeds " + MAX_BODY_BYTES + " bytes.",
                    null);
        }
        ParsedRequest request = parser.apply(body);
        String id = shape.idPrefix() + UUID.randomUUID().toString().replace("-", "");
        TokenStream tokens;
        try {
            tokens = client.generate(id, request.generation());
        } catch (InvalidRequestException e) {
            throw ApiException.badRequest(e.getMessage(), e.param());
        }
        long created = System.currentTimeMillis() / 1000;
        try {
            if (request.stream()) {
                stream(exchange, tokens, id, created, request.includeUsage());
            } else {
                whole(exchange, tokens, id, created);
            }
        } catch (InterruptedException e) {
            tokens.cancel();
            Thread.currentThread().interrupt();
            exchange.close();
        } catch (IOException e) {
            tokens.cancel();
            throw e;
        }
    }

    private void whole(HttpExchange exchange, TokenStream tokens, String id, long created)
            throws IOException, InterruptedException {
        StringBuilder text = new StringBuilder();
        TokenChunk chunk;
        TokenChunk last = null;
        while ((chunk = tokens.next()) != null) {
            text.append(chunk.text());
            last = chunk;
        }
        if (last.finishReason() == FinishReason.ERROR) {
            Exchanges.sendJson(exchange, 500, Exchanges.errorBody(last.error(), "InternalServerError", null, 500));
            return;
        }
        ObjectNode response = shape.withChoice(id, created, client.modelName(), text.toString(),
                last.finishReason().apiName(), false, true);
        response.set("usage", ResponseShape.usage(last.promptTokens(), last.completionTokens()));
        Exchanges.sendJson(exchange, 200, response);
    }

    private void stream(HttpExchange exchange, TokenStream tokens, String id, long created, boolean includeUsage)
            throws IOException, InterruptedException {
        try (SseWriter sse = SseWriter.open(exchange)) {
            TokenChunk chunk;
            TokenChunk last = null;
            boolean first = true;
            while ((chunk = tokens.next()) != null) {
                last = chunk;
                if (chunk.finishReason() == FinishReason.ERROR) {
                    sse.event(Exchanges.errorBody(chunk.error(), "InternalServerError", null, 500));
                    break;
                }
                String reason = chunk.finished() ? chunk.finishReason().apiName() : null;
                sse.event(shape.withChoice(id, created, client.modelName(), chunk.text(), reason, true, first));
                first = false;
            }
            if (includeUsage && last != null) {
                ObjectNode usageChunk = shape.envelope(id, created, client.modelName(), true);
                usageChunk.putArray("choices");
                usageChunk.set("usage", ResponseShape.usage(last.promptTokens(), last.completionTokens()));
                sse.event(usageChunk);
            }
            sse.done();
        }
    }
}
