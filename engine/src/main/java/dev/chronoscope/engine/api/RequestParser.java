package dev.chronoscope.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscope.engine.client.GenerationRequest;
import dev.chronoscope.engine.client.Prompt;
import dev.chronoscope.engine.executor.SamplingParams;

import java.util.ArrayList;
import java.util.List;

/** Reads /v1/completions and /v1/chat/completions bodies with the OpenAI API's fields and defaults. */
final class RequestParser {
    /** OpenAI's (and vLLM's) default max_tokens for the legacy completions endpoint. */
    private static final int COMPLETIONS_DEFAULT_MAX_TOKENS = 16;

    private final String servedModel;
    private final ChatTemplate template = new ChatTemplate();

    RequestParser(String servedModel) {
        this.servedModel = servedModel;
    }

    ParsedRequest completion(byte[] body) {
        JsonFields f = JsonFields.parse(body);
        checkModel(f);
        Integer maxTokens = f.integer("max_tokens");
        return finish(f, prompt(f.node("prompt")), maxTokens == null ? COMPLETIONS_DEFAULT_MAX_TOKENS : maxTokens);
    }

    ParsedRequest chat(byte[] body) {
        JsonFields f = JsonFields.parse(body);
        checkModel(f);
        Integer maxTokens = f.integer("max_completion_tokens");
        if (maxTokens == null) {
            maxTokens = f.integer("max_tokens");
        }
        return finish(f, Prompt.text(template.render(messages(f.node("messages")))), maxTokens);
    }

    private void checkModel(JsonFields f) {
        String model = f.string("model");
        if (model != null && !model.equals(servedModel)) {
            throw ApiException.notFound("The model `" + model + "` does not exist.", "model");
        }
    }

    private ParsedRequest finish(JsonFields f, Prompt prompt, Integer maxTokens) {
        if (maxTokens != null && maxTokens < 1) {
            throw ApiException.badRequest("max_tokens must be at least 1, got " + maxTokens + ".", "max_tokens");
        }
        int minTokens = orZero(f.integer("min_tokens"));
        if (minTokens < 0) {
            throw ApiException.badRequest("min_tokens must not be negative, got " + minTokens + ".", "min_tokens");
        }
        Integer n = f.integer("n");
        if (n != null && n != 1) {
            throw ApiException.badRequest("Only n=1 is supported, got " + n + ".", "n");
        }
        JsonNode logprobs = f.node("logprobs");
        boolean noLogprobs = logprobs == null || (logprobs.isBoolean() && !logprobs.asBoolean())
                || (logprobs.isInt() && logprobs.asInt() == 0);
        if (!noLogprobs) {
            throw ApiException.badRequest("Log probabilities are not supported by this server.", "logprobs");
        }
        JsonNode stop = f.node("stop");
        if (stop != null && !(stop.isArray() && stop.isEmpty())) {
            throw ApiException.badRequest("Stop strings are not supported by this server.", "stop");
        }
        double temperature = f.number("temperature", 1.0);
        if (temperature < 0) {
            throw ApiException.badRequest("temperature must not be negative, got " + temperature + ".", "temperature");
        }
        double topP = f.number("top_p", 1.0);
        if (!(topP > 0 && topP <= 1)) {
            throw ApiException.badRequest("top_p must be in (0, 1], got " + topP + ".", "top_p");
        }
        int topK = f.integer("top_k") == null ? -1 : f.integer("top_k");
        if (topK == 0 || topK < -1) {
            throw ApiException.badRequest("top_k must be -1 (off) or at least 1, got " + topK + ".", "top_k");
        }
        long seed = f.longValue("seed") == null ? 0 : f.longValue("seed");
        boolean stream = f.bool("stream", false);
        JsonNode streamOptions = f.node("stream_options");
        boolean includeUsage = false;
        if (streamOptions != null) {
            JsonNode usage = streamOptions.get("include_usage");
            if (usage != null && !usage.isNull() && !usage.isBoolean()) {
                throw ApiException.badRequest("stream_options.include_usage must be true or false.", "stream_options");
            }
            includeUsage = usage != null && usage.asBoolean();
        }
        GenerationRequest generation = new GenerationRequest(prompt, maxTokens, minTokens, f.bool("ignore_eos", false),
                new SamplingParams(temperature, topP, topK, seed), orZero(f.integer("priority")));
        return new ParsedRequest(generation, stream, includeUsage);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    /** A string, an array of token ids, or a one-element array of either (vLLM's batch form, size 1). */
    private static Prompt prompt(JsonNode node) {
        if (node == null) {
            throw ApiException.badRequest("'prompt' is required.", "prompt");
        }
        if (node.isArray() && node.size() == 1 && (node.get(0).isTextual() || node.get(0).isArray())) {
            node = node.get(0);
        }
        if (node.isTextual()) {
            return Prompt.text(node.asText());
        }
        if (node.isArray()) {
            int[] ids = new int[node.size()];
            for (int i = 0; i < ids.length; i++) {
                JsonNode id = node.get(i);
                if (!id.isIntegralNumber() || !id.canConvertToInt()) {
                    throw ApiException.badRequest("'prompt' token " + i + " must be an integer, got " + id + ".",
                            "prompt");
                }
                ids[i] = id.asInt();
            }
            return Prompt.tokens(ids);
        }
        throw ApiException.badRequest("'prompt' must be a string or an array of token ids (one prompt per request).",
                "prompt");
    }

    private static List<ChatTemplate.Message> messages(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw ApiException.badRequest("'messages' must be a non-empty array.", "messages");
        }
        List<ChatTemplate.Message> messages = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode m = node.get(i);
            JsonNode role = m.get("role");
            JsonNode content = m.get("content");
            if (role == null || !role.isTextual()) {
                throw ApiException.badRequest("messages[" + i + "].role must be a string.", "messages");
            }
            messages.add(new ChatTemplate.Message(role.asText(), contentText(content, i)));
        }
        return messages;
    }

    /** Content as a string, or as OpenAI's array of {"type": "text", "text": ...} parts. */
    private static String contentText(JsonNode content, int index) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                    throw ApiException.badRequest("messages[" + index + "].content parts must be text parts.",
                            "messages");
                }
                text.append(part.get("text").asText());
            }
            return text.toString();
        }
        throw ApiException.badRequest("messages[" + index + "].content must be a string or text parts.", "messages");
    }
}
