package dev.chronoscope.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chronoscope.engine.core.ByteLevelTokenizer;
import dev.chronoscope.engine.testing.ScriptedTestExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** `serve` and `bench` as a user runs them: a real server on a free loopback port, 50 requests over HTTP. */
class ServeAndBenchCliTest {
    private static final ModelBackendFactory TEST_BACKEND =
            spec -> new ModelBackend(new ScriptedTestExecutor(512, 256, ByteLevelTokenizer.EOS), new ByteLevelTokenizer());

    private static ServeCommand.Running serve(String... args) throws Exception {
        ServeCommand serve = new ServeCommand(TEST_BACKEND);
        new CommandLine(serve).parseArgs(args);
        return serve.start();
    }

    private static double metric(String base, String name) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*} (\\S+)$").matcher(body);
        assertThat(m.find()).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void benchDrives50RequestsThroughServeAndSavesVllmFields(@TempDir Path dir) throws Exception {
        try (ServeCommand.Running running = serve("--model", "tiny", "--port", "0", "--max-num-seqs", "16",
                "--api-key", "k")) {
            String base = "http://127.0.0.1:" + running.server().port();
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            Path result = dir.resolve("result.json");
            int exit = EngineCli.commandLine(TEST_BACKEND, new PrintStream(printed, true, StandardCharsets.UTF_8))
                    .execute("bench", "--base-url", base, "--api-key", "k", "--num-prompts", "50",
                            "--random-input-len", "32", "--random-output-len", "8", "--ignore-eos",
                            "--max-concurrency", "8", "--seed", "7", "--goodput", "ttft:60000", "tpot:60000",
                            "--save-result", "--result-filename", result.toString());
            String out = printed.toString(StandardCharsets.UTF_8);
            assertThat(exit).as(out).isZero();
            assertThat(out).contains("============ Serving Benchmark Result ============",
                    "Successful requests:                     50        ",
                    "Failed requests:                         0         ",
                    "Maximum request concurrency:             8         ",
                    "Total input tokens:                      1600      ",
                    "Total generated tokens:                  400       ",
                    "Benchmark duration (s):", "Request goodput (req/s):", "Mean TTFT (ms):", "Median TPOT (ms):",
                    "P99 ITL (ms):", "Mean E2EL (ms):", "---------------Time to First Token----------------");
            JsonNode json = new ObjectMapper().readTree(result.toFile());
            assertThat(json.get("completed").asInt()).isEqualTo(50);
            assertThat(json.get("failed").asInt()).isZero();
            assertThat(json.get("model_id").asText()).isEqualTo("test-model");
            assertThat(json.get("total_input_tokens").asInt()).isEqualTo(1600);
            assertThat(json.get("total_output_tokens").asInt()).isEqualTo(400);
            assertThat(json.get("itls")).hasSize(50);
            assertThat(json.get("itls").get(0)).hasSize(7);
            assertThat(json.get("request_goodput").asDouble()).isEqualTo(json.get("request_throughput").asDouble());
            for (String field : new String[]{"request_throughput", "output_throughput", "total_token_throughput",
                    "mean_ttft_ms", "median_ttft_ms", "std_ttft_ms", "p99_ttft_ms", "mean_tpot_ms", "p99_tpot_ms",
                    "mean_itl_ms", "p99_itl_ms", "mean_e2el_ms", "p99_e2el_ms", "duration"}) {
                assertThat(json.has(field)).as(field).isTrue();
            }
            assertThat(json.get("output_throughput").asDouble() * json.get("duration").asDouble())
                    .isCloseTo(400, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(metric(base, "vllm:generation_tokens_total")).isEqualTo(400);
            assertThat(metric(base, "vllm:prompt_tokens_total")).isEqualTo(1600);
            assertThat(metric(base, "vllm:e2e_request_latency_seconds_count")).isEqualTo(50);
            assertThat(metric(base, "vllm:num_requests_running")).isZero();
            assertThat(Files.list(dir)).containsExactly(result);
        }
    }

    @Test
    void serveRefusesBadKnobsAndSaysWhich() {
        StringWriter err = new StringWriter();
        CommandLine cli = EngineCli.commandLine(TEST_BACKEND, System.out);
        cli.getSubcommands().get("serve").setErr(new PrintWriter(err));
        int exit = cli.execute("serve", "--model", "tiny", "--port", "0", "--scheduling-policy", "random");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--scheduling-policy must be fcfs or priority");
    }

    @Test
    void theStandardBackendNamesAnUnknownModel() {
        StringWriter err = new StringWriter();
        CommandLine cli = EngineCli.commandLine(ModelBackends.standard(), System.out);
        cli.getSubcommands().get("serve").setErr(new PrintWriter(err));
        assertThat(cli.execute("serve", "--model", "no-such-model", "--port", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown model 'no-such-model'");
    }

    @Test
    void benchInProcessRunsTheTinyModelOnTheStandardBackendAndSavesVllmFields(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Path result = dir.resolve("result.json");
        int exit = EngineCli.commandLine(ModelBackends.standard(), new PrintStream(printed, true, StandardCharsets.UTF_8))
                .execute("bench", "--in-process", "--model", "tiny", "--num-prompts", "6", "--random-input-len", "24",
                        "--random-output-len", "4", "--ignore-eos", "--max-num-seqs", "4", "--seed", "3",
                        "--save-result", "--result-filename", result.toString());
        String out = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(out).isZero();
        assertThat(out).contains("Benchmarking tiny in-process: 6 requests", "Successful requests:");
        JsonNode saved = new ObjectMapper().readTree(result.toFile());
        assertThat(saved.get("backend").asText()).isEqualTo("in-process");
        assertThat(saved.get("completed").asInt()).isEqualTo(6);
        assertThat(saved.get("total_output_tokens").asInt()).isEqualTo(24);
    }

    @Test
    void benchRefusesBothOrNeitherTarget() {
        StringWriter err = new StringWriter();
        CommandLine cli = EngineCli.commandLine(TEST_BACKEND, System.out);
        cli.getSubcommands().get("bench").setErr(new PrintWriter(err));
        assertThat(cli.execute("bench", "--num-prompts", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("give either --base-url (a server) or --in-process");
    }

    @Test
    void benchNamesAMissingTraceColumn(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("trace.csv");
        Files.writeString(trace, "arrived_at,num_prefill_tokens\n0.0,12\n");
        StringWriter err = new StringWriter();
        CommandLine cli = EngineCli.commandLine(TEST_BACKEND, System.out);
        cli.getSubcommands().get("bench").setErr(new PrintWriter(err));
        int exit = cli.execute("bench", "--base-url", "http://127.0.0.1:1", "--dataset", "trace", "--dataset-path",
                trace.toString());
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("trace.csv: line 1: no 'num_decode_tokens' column");
    }
}
