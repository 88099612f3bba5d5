package dev.chronoscope.engine.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Saves a result as JSON with vLLM bench's field names, atomically (temporary file, then rename). */
public final class ResultWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultWriter() {}

    /** Run facts vLLM saves beside the figures. */
    public record RunInfo(String backend, String modelId, int numPrompts, double requestRate, double burstiness,
                          Integer maxConcurrency, GoodputSlo goodput) {}

    public static Map<String, Object> toMap(BenchmarkResult r, RunInfo info) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        m.put("backend", info.backend());
        m.put("model_id", info.modelId());
        m.put("num_prompts", info.numPrompts());
        m.put("request_rate", Double.isInfinite(info.requestRate()) ? "inf" : info.requestRate());
        m.put("burstiness", info.burstiness());
        m.put("max_concurrency", info.maxConcurrency());
        if (info.goodput() != null) {
            m.put("goodput", info.goodput().asMap());
        }
        m.put("duration", r.duration());
        m.put("completed", r.completed());
        m.put("failed", r.failed());
        m.put("total_input_tokens", r.totalInputTokens());
        m.put("total_output_tokens", r.totalOutputTokens());
        m.put("request_throughput", r.requestThroughput());
        m.put("request_goodput", r.requestGoodput());
        m.put("output_throughput", r.outputThroughput());
        m.put("total_token_throughput", r.totalTokenThroughput());
        m.put("max_output_tokens_per_s", r.maxOutputTokensPerSecond());
        m.put("max_concurrent_requests", r.maxConcurrentRequests());
        m.put("input_lens", r.outcomes().stream().map(RequestOutcome::promptLen).toList());
        m.put("output_lens", r.outcomes().stream().map(RequestOutcome::outputTokens).toList());
        m.put("ttfts", r.outcomes().stream().map(RequestOutcome::ttft).toList());
        m.put("itls", r.outcomes().stream().map(RequestOutcome::itl).toList());
        m.put("generated_texts", r.outcomes().stream().map(RequestOutcome::generatedText).toList());
        m.put("errors", r.outcomes().stream().map(RequestOutcome::error).toList());
        r.latencies().forEach((metric, s) -> {
            m.put("mean_" + metric + "_ms", s.mean());
            m.put("median_" + metric + "_ms", s.median());
            m.put("std_" + metric + "_ms", s.std());
            s.percentiles().forEach((p, v) -> m.put("p" + ResultPrinter.percentileWord(p) + "_" + metric + "_ms", v));
        });
        return m;
    }

    public static void write(Path file, BenchmarkResult r, RunInfo info) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, absolute.getFileName().toString(), ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), toMap(r, info));
            Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
