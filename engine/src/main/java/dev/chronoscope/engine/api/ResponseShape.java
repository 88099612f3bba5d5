package dev.chronoscope.engine.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** How the completions and chat endpoints lay out their answers (OpenAI's two response formats). */
enum ResponseShape {
    COMPLETION("text_completion", "text_completion", "cmpl-") {
        @Override
        void putChoiceText(ObjectNode choice, String text, boolean streaming, boolean firstChunk) {
            choice.put("text", text);
        }
    },
    CHAT("chat.completion", "chat.completion.chunk", "chatcmpl-") {
        @Override
        void putChoiceText(ObjectNode choice, String text, boolean streaming, boolean firstChunk) {
            ObjectNode message = choice.putObject(streaming ? "delta" : "message");
            if (!streaming || firstChunk) {
                message.put("role", "assistant");
            }
            message.put("content", text);
        }
    };

    private final String object;
    private final String chunkObject;
    private final String idPrefix;

    ResponseShape(String object, String chunkObject, String idPrefix) {
        this.object = object;
        this.chunkObject = chunkObject;
        this.idPrefix = idPrefix;
    }

    String idPrefix() { return idPrefix; }

    abstract void putChoiceText(ObjectNode choice, String text, boolean streaming, boolean firstChunk);

    ObjectNode envelope(String id, long created, String model, boolean streaming) {
        ObjectNode root = Exchanges.JSON.createObjectNode();
        root.put("id", id);
        root.put("object", streaming ? chunkObject : object);
        root.put("created", created);
        root.put("model", model);
        return root;
    }

    /** A response or chunk with one choice; {@code finishReason} null while streaming goes on. */
    ObjectNode withChoice(String id, long created, String model, String text, String finishReason, boolean streaming,
                          boolean firstChunk) {
        ObjectNode root = envelope(id, created, model, streaming);
        ArrayNode choices = root.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        putChoiceText(choice, text, streaming, firstChunk);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return root;
    }

    static ObjectNode usage(int promptTokens, int completionTokens) {
        ObjectNode usage = Exchanges.JSON.createObjectNode();
        usage.put("prompt_tokens", promptTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        usage.put("completion_tokens", completionTokens);
        return usage;
    }
}
