package dev.chronoscope.engine.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscope.engine.client.Prompt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a completion from an OpenAI-compatible server ({@code POST /v1/completions}, SSE) and times every
 * chunk as it arrives, the way vLLM bench's openai-completions backend does.
 */
public final class HttpRequestSender implements RequestSender {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final URI completionsUri;
    private final String model;
    private final String apiKey;
    private final boolean ignoreEos;

    public HttpRequestSender(HttpClient http, URI baseUrl, String model, String apiKey, boolean ignoreEos) {
        this.http = http;
        this.completionsUri = baseUrl.resolve("/v1/completions");
        this.model = model;
        this.apiKey = apiKey;
        this.ignoreEos = ignoreEos;
    }

    public static HttpClient defaultClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** The first model the server lists at /v1/models, for when the user named none. */
    public static String firstModel(HttpClient http, URI baseUrl, String apiKey) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve("/v1/models")).GET();
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(baseUrl + "/v1/models answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode data = JSON.readTree(response.body()).path("data");
        if (!data.isArray() || data.isEmpty() || !data.get(0).path("id").isTextual()) {
            throw new IOException(baseUrl + "/v1/models lists no model; pass --model");
        }
        return data.get(0).get("id").asText();
    }

    @Override
    public RequestOutcome send(BenchRequest request, long benchStartNanos) {
        long start = System.nanoTime();
        double startSeconds = (start - benchStartNanos) / 1e9;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(completionsUri)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body(request))));
            if (apiKey != null) {
                builder.header("Authorization", "Bearer " + apiKey);
            }
            HttpResponse<InputStream> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    return RequestOutcome.failure(request.promptLen(), startSeconds,
                            "HTTP " + response.statusCode() + ": " + body);
                }
                return readStream(in, request, start, startSeconds);
            }
        } catch (IOException e) {
            return RequestOutcome.failure(request.promptLen(), startSeconds, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RequestOutcome.failure(request.promptLen(), startSeconds, "interrupted");
        }
    }

    private ObjectNode body(BenchRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        switch (request.prompt()) {
            case Prompt.Text(String text) -> body.put("prompt", text);
            case Prompt.Tokens(int[] ids) -> {
                ArrayNode array = body.putArray("prompt");
                for (int id : ids) {
                    array.add(id);
                }
            }
        }
        body.put("max_tokens", request.outputLen());
        body.put("temperature", 0.0);
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        if (ignoreEos) {
            body.put("ignore_eos", true);
        }
        return body;
    }

    private static RequestOutcome readStream(InputStream in, BenchRequest request, long start, double startSeconds)
            throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        StringBuilder text = new StringBuilder();
        List<Double> itl = new ArrayList<>();
        double ttft = 0;
        long last = start;
        int chunks = 0;
        Integer usageTokens = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (!line.startsWith("data:")) {
                continue;
            }
            String data = line.substring(5).strip();
            if (data.equals("[DONE]")) {
                break;
            }
            long now = System.nanoTime();
            JsonNode chunk = JSON.readTree(data);
            if (chunk.has("error")) {
                return RequestOutcome.failure(request.promptLen(), startSeconds,
                        chunk.get("error").path("message").asText(chunk.get("error").toString()));
            }
            JsonNode choices = chunk.path("choices");
            if (choices.isArray() && !choices.isEmpty()) {
                if (chunks == 0) {
                    ttft = (now - start) / 1e9;
                } else {
                    itl.add((now - last) / 1e9);
                }
                last = now;
                chunks++;
                text.append(choices.get(0).path("text").asText(""));
            } else if (chunk.path("usage").has("completion_tokens")) {
                usageTokens = chunk.get("usage").get("completion_tokens").asInt();
            }
        }
        if (chunks == 0) {
            return RequestOutcome.failure(request.promptLen(), startSeconds, "the stream ended without a token");
        }
        double latency = (System.nanoTime() - start) / 1e9;
        int outputTokens = usageTokens != null ? usageTokens : chunks;
        return new RequestOutcome(true, request.promptLen(), outputTokens, startSeconds, ttft, itl, latency,
                text.toString(), "");
    }
}
