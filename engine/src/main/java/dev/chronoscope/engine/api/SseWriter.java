package dev.chronoscope.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Server-sent events as the OpenAI API streams them: "data: {json}" frames, then "data: [DONE]". */
final class SseWriter implements AutoCloseable {
    private final HttpExchange exchange;
    private final OutputStream out;

    private SseWriter(HttpExchange exchange) {
        this.exchange = exchange;
        this.out = exchange.getResponseBody();
    }

    static SseWriter open(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        return new SseWriter(exchange);
    }

    /** Sends one frame and flushes it, so the client sees each token when it is made. */
    void event(JsonNode data) throws IOException {
        write("data: " + Exchanges.JSON.writeValueAsString(data) + "\n\n");
    }

    void done() throws IOException {
        write("data: [DONE]\n\n");
    }

    private void write(String frame) throws IOException {
        out.write(frame.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } finally {
            exchange.close();
        }
    }
}
