package dev.chronoscope.engine.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chronoscope.engine.client.EngineClient;
import dev.chronoscope.engine.core.ByteLevelTokenizer;
import dev.chronoscope.engine.core.EngineConfig;
import dev.chronoscope.engine.core.EngineCore;
import dev.chronoscope.engine.testing.ScriptedTestExecutor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The API over real HTTP on a free loopback port, with the scripted test executor behind it. */
class ApiServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String KEY = "secret-key";

    private static ScriptedTestExecutor executor;
    private static EngineCore core;
    private static ApiServer server;
    private static ApiServer securedServer;

    @BeforeAll
    static void start() throws IOException {
        executor = new ScriptedTestExecutor(256, 64, ByteLevelTokenizer.EOS);
        core = EngineCore.start(executor, EngineConfig.defaults());
        EngineClient client = new EngineClient(core, new ByteLevelTokenizer(), "test-model");
        server = ApiServer.start(client, new ApiServerConfig("127.0.0.1", 0, null));
        securedServer = ApiServer.start(client, new ApiServerConfig("127.0.0.1", 0, KEY));
    }

    @AfterAll
    static void stop() {
        server.close();
        securedServer.close();
        core.close();
    }

    private static URI uri(ApiServer s, String path) {
        return URI.create("http://127.0.0.1:" + s.port() + path);
    }

    static HttpResponse<String> post(ApiServer s, String path, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(s, path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(ApiServer s, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(s, path)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonNode> sseEvents(String body) throws IOException {
        assertThat(body).endsWith("data: [DONE]\n\n");
        List<JsonNode> events = new java.util.ArrayList<>();
        for (String frame : body.split("\n\n")) {
            assertThat(frame).startsWith("data: ");
            String data = frame.substring(6);
            if (!data.equals("[DONE]")) {
                events.add(JSON.readTree(data));
            }
        }
        return events;
    }

    @Test
    void streamsACompletionTokenByTokenWithUsageLast() throws Exception {
        HttpResponse<String> response = post(server, "/v1/completions", """
                {"model": "test-model", "prompt": "hi", "max_tokens": 5, "stream": true,
                 "stream_options": {"include_usage": true}}""", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/event-stream"));
        List<JsonNode> events = sseEvents(response.body());
        assertThat(events).hasSize(6);
        // The scripted executor answers position p with 'a' + p % 26: "hi" is 2 tokens, so c, d, e, f, g.
        assertThat(events.subList(0, 5)).extracting(e -> e.get("choices").get(0).get("text").asText())
                .containsExactly("c", "d", "e", "f", "g");
        assertThat(events.get(0).get("object").asText()).isEqualTo("text_completion");
        assertThat(events.get(3).get("choices").get(0).get("finish_reason").isNull()).isTrue();
        assertThat(events.get(4).get("choices").get(0).get("finish_reason").asText()).isEqualTo("length");
        JsonNode usage = events.get(5).get("usage");
        assertThat(events.get(5).get("choices")).isEmpty();
        assertThat(usage.get("prompt_tokens").asInt()).isEqualTo(2);
        assertThat(usage.get("completion_tokens").asInt()).isEqualTo(5);
        assertThat(usage.get("total_tokens").asInt()).isEqualTo(7);
    }

    @Test
    void answersAWholeCompletionAndStopsAtEos() throws Exception {
        HttpResponse<String> response = post(server, "/v1/completions",
                "{\"prompt\": [104, 105], \"max_tokens\": 3}", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("choices").get(0).get("text").asText()).isEqualTo("cde");
        assertThat(body.get("usage").get("completion_tokens").asInt()).isEqualTo(3);

        JsonNode stopped = JSON.readTree(post(server, "/v1/completions",
                "{\"prompt\": \"done.\", \"max_tokens\": 10}", null).body());
        assertThat(stopped.get("choices").get(0).get("finish_reason").asText()).isEqualTo("stop");
        assertThat(stopped.get("choices").get(0).get("text").asText()).isEmpty();
        assertThat(stopped.get("usage").get("completion_tokens").asInt()).isEqualTo(1);
    }

    @Test
    void chatCompletionsWholeAndStreamed() throws Exception {
        String messages = "\"messages\": [{\"role\": \"user\", \"content\": \"hello\"}]";
        JsonNode whole = JSON.readTree(post(server, "/v1/chat/completions",
                "{\"model\": \"test-model\", " + messages + ", \"max_tokens\": 4}", null).body());
        assertThat(whole.get("object").asText()).isEqualTo("chat.completion");
        JsonNode message = whole.get("choices").get(0).get("message");
        assertThat(message.get("role").asText()).isEqualTo("assistant");
        // "<|user|>\nhello\n<|assistant|>\n" is 29 bytes: positions 29.. give d, e, f, g.
        assertThat(message.get("content").asText()).isEqualTo("defg");
        assertThat(whole.get("usage").get("prompt_tokens").asInt()).isEqualTo(29);

        List<JsonNode> events = sseEvents(post(server, "/v1/chat/completions",
                "{" + messages + ", \"max_completion_tokens\": 2, \"stream\": true}", null).body());
        assertThat(events).hasSize(2);
        assertThat(events.get(0).get("object").asText()).isEqualTo("chat.completion.chunk");
        assertThat(events.get(0).get("choices").get(0).get("delta").get("role").asText()).isEqualTo("assistant");
        assertThat(events.get(0).get("choices").get(0).get("delta").get("content").asText()).isEqualTo("d");
        assertThat(events.get(1).get("choices").get(0).get("delta").has("role")).isFalse();
        assertThat(events.get(1).get("choices").get(0).get("finish_reason").asText()).isEqualTo("length");
    }

    @Test
    void listsTheModelAndReportsHealth() throws Exception {
        JsonNode models = JSON.readTree(get(server, "/v1/models").body());
        assertThat(models.get("data")).hasSize(1);
        assertThat(models.get("data").get(0).get("id").asText()).isEqualTo("test-model");
        assertThat(models.get("data").get(0).get("max_model_len").asInt()).isEqualTo(256);
        assertThat(get(server, "/health").statusCode()).isEqualTo(200);
        assertThat(get(server, "/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void metricsMoveWithTrafficUnderVllmNames() throws Exception {
        String before = get(server, "/metrics").body();
        assertThat(post(server, "/v1/completions", "{\"prompt\": \"abc\", \"max_tokens\": 4}", null).statusCode())
                .isEqualTo(200);
        HttpResponse<String> response = get(server, "/metrics");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
        String after = response.body();
        assertThat(value(after, "vllm:generation_tokens_total")).isGreaterThanOrEqualTo(
                value(before, "vllm:generation_tokens_total") + 4);
        assertThat(value(after, "vllm:prompt_tokens_total")).isGreaterThanOrEqualTo(
                value(before, "vllm:prompt_tokens_total") + 3);
        assertThat(value(after, "vllm:e2e_request_latency_seconds_count")).isGreaterThan(
                value(before, "vllm:e2e_request_latency_seconds_count"));
        assertThat(value(after, "vllm:time_to_first_token_seconds_count")).isGreaterThan(
                value(before, "vllm:time_to_first_token_seconds_count"));
        assertThat(value(after, "vllm:time_per_output_token_seconds_count")).isGreaterThanOrEqualTo(
                value(before, "vllm:time_per_output_token_seconds_count") + 3);
        assertThat(after).contains("# TYPE vllm:num_requests_running gauge",
                "# TYPE vllm:num_requests_waiting gauge", "# TYPE vllm:gpu_cache_usage_perc gauge",
                "vllm:time_to_first_token_seconds_bucket{model_name=\"test-model\",le=\"+Inf\"}");
    }

    static double value(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*} (\\S+)$").matcher(metrics);
        assertThat(m.find()).as(name + " in /metrics").isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static void assertError(HttpResponse<String> response, int status, String type, String param,
                                    String messagePart) throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error).as(response.body()).isNotNull();
        assertThat(error.get("type").asText()).isEqualTo(type);
        assertThat(error.get("code").asInt()).isEqualTo(status);
        if (param == null) {
            assertThat(error.get("param").isNull()).isTrue();
        } else {
            assertThat(error.get("param").asText()).isEqualTo(param);
        }
        assertThat(error.get("message").asText()).contains(messagePart);
    }

    private static void assertStillServing() throws Exception {
        assertThat(post(server, "/v1/completions", "{\"prompt\": \"ok\", \"max_tokens\": 2}", null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void malformedJsonIs400NamingWhere() throws Exception {
        assertError(post(server, "/v1/completions", "{\"prompt\": \"hi\", ", null), 400, "BadRequestError", null,
                "Malformed JSON body");
        assertError(post(server, "/v1/completions", "[1, 2]", null), 400, "BadRequestError", null, "JSON object");
        assertError(post(server, "/v1/completions", "{\"prompt\": \"hi\", \"max_tokens\": \"ten\"}", null), 400,
                "BadRequestError", "max_tokens", "must be an integer");
        assertStillServing();
    }

    @Test
    void unknownModelIs404() throws Exception {
        assertError(post(server, "/v1/completions", "{\"model\": \"gpt-9\", \"prompt\": \"hi\"}", null), 404,
                "NotFoundError", "model", "The model `gpt-9` does not exist.");
        assertStillServing();
    }

    @Test
    void promptLongerThanMaxModelLenIs400() throws Exception {
        String longPrompt = "x".repeat(300);
        assertError(post(server, "/v1/completions", "{\"prompt\": \"" + longPrompt + "\", \"max_tokens\": 1}", null),
                400, "BadRequestError", "prompt", "maximum context length is 256 tokens");
        assertError(post(server, "/v1/chat/completions", "{\"messages\": [{\"role\": \"user\", \"content\": \""
                + longPrompt + "\"}]}", null), 400, "BadRequestError", "prompt",
                "your request has 324 input tokens");
        assertStillServing();
    }

    @Test
    void negativeMaxTokensIs400() throws Exception {
        assertError(post(server, "/v1/completions", "{\"prompt\": \"hi\", \"max_tokens\": -5}", null), 400,
                "BadRequestError", "max_tokens", "at least 1");
        assertStillServing();
    }

    @Test
    void otherBadFieldsAre400() throws Exception {
        assertError(post(server, "/v1/completions", "{\"prompt\": [1, 999999]}", null), 400, "BadRequestError",
                "prompt", "position 1");
        assertError(post(server, "/v1/completions", "{\"prompt\": \"\"}", null), 400, "BadRequestError", "prompt",
                "must not be empty");
        assertError(post(server, "/v1/completions", "{\"prompt\": \"hi\", \"n\": 3}", null), 400, "BadRequestError",
                "n", "n=1");
        assertError(post(server, "/v1/chat/completions", "{\"messages\": []}", null), 400, "BadRequestError",
                "messages", "non-empty");
        assertError(post(server, "/v1/completions", "{\"prompt\": \"hi\", \"stop\": [\"\\n\"]}", null), 400,
                "BadRequestError", "stop", "not supported");
        assertError(post(server, "/v1/completions", "{\"prompt\": \"hi\", \"logprobs\": 5}", null), 400,
                "BadRequestError", "logprobs", "not supported");
        assertThat(post(server, "/v1/completions", "{\"prompt\": \"hi\", \"logprobs\": null, \"max_tokens\": 1}",
                null).statusCode()).isEqualTo(200);
        assertThat(get(server, "/v1/completions").statusCode()).isEqualTo(405);
        assertStillServing();
    }

    @Test
    void wrongOrMissingApiKeyIs401AndTheRightOneWorks() throws Exception {
        String body = "{\"prompt\": \"hi\", \"max_tokens\": 2}";
        assertError(post(securedServer, "/v1/completions", body, "wrong"), 401, "AuthenticationError", null,
                "API key");
        assertError(post(securedServer, "/v1/completions", body, null), 401, "AuthenticationError", null, "API key");
        assertThat(post(securedServer, "/v1/completions", body, KEY).statusCode()).isEqualTo(200);
        assertThat(get(securedServer, "/health").statusCode()).as("health needs no key").isEqualTo(200);
        assertThat(get(securedServer, "/metrics").statusCode()).isEqualTo(200);
    }
}
