package dev.chronoscope.engine.api;

import dev.chronoscope.engine.core.EngineMetrics;
import dev.chronoscope.engine.core.Histogram;
import dev.chronoscope.engine.core.request.FinishReason;

import java.util.Locale;

/** The engine's metrics in Prometheus text format 0.0.4, under vLLM's metric names and labels. */
final class PrometheusFormatter {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final String labels;
    private final String modelName;

    PrometheusFormatter(String modelName) {
        this.modelName = escape(modelName);
        this.labels = "model_name=\"" + this.modelName + "\"";
    }

    String format(EngineMetrics m) {
        StringBuilder out = new StringBuilder(4096);
        gauge(out, "vllm:num_requests_running", "Number of requests in model execution batches.", m.numRunning());
        gauge(out, "vllm:num_requests_waiting", "Number of requests waiting to be processed.", m.numWaiting());
        gauge(out, "vllm:gpu_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.", m.kvCacheUsage());
        counter(out, "vllm:num_preemptions_total", "Cumulative number of preemptions from the engine.", m.preemptions());
        counter(out, "vllm:prompt_tokens_total", "Number of prefill tokens processed.", m.promptTokens());
        counter(out, "vllm:generation_tokens_total", "Number of generation tokens processed.", m.generationTokens());
        counter(out, "vllm:prefix_cache_queries_total", "Prefix cache queries, in terms of number of queried tokens.",
                m.prefixCacheQueries());
        counter(out, "vllm:prefix_cache_hits_total", "Prefix cache hits, in terms of number of cached tokens.",
                m.prefixCacheHits());
        header(out, "vllm:request_success_total", "Count of successfully processed requests.", "counter");
        for (FinishReason reason : new FinishReason[]{FinishReason.STOP, FinishReason.LENGTH, FinishReason.ABORT}) {
            out.append("vllm:request_success_total{").append(labels).append(",finished_reason=\"")
                    .append(reason.apiName()).append("\"} ").append(m.finishedRequests(reason)).append('\n');
        }
        histogram(out, "vllm:time_to_first_token_seconds", "Histogram of time to first token in seconds.",
                m.timeToFirstToken());
        histogram(out, "vllm:time_per_output_token_seconds", "Histogram of time per output token in seconds.",
                m.timePerOutputToken());
        histogram(out, "vllm:e2e_request_latency_seconds", "Histogram of e2e request latency in seconds.",
                m.e2eRequestLatency());
        return out.toString();
    }

    private void gauge(StringBuilder out, String name, String help, double value) {
        header(out, name, help, "gauge");
        out.append(name).append('{').append(labels).append("} ").append(number(value)).append('\n');
    }

    private void counter(StringBuilder out, String name, String help, long value) {
        header(out, name, help, "counter");
        out.append(name).append('{').append(labels).append("} ").append(value).append('\n');
    }

    private void histogram(StringBuilder out, String name, String help, Histogram h) {
        header(out, name, help, "histogram");
        double[] bounds = h.upperBounds();
        long[] cumulative = h.cumulativeCounts();
        for (int i = 0; i < bounds.length; i++) {
            bucket(out, name, number(bounds[i]), cumulative[i]);
        }
        bucket(out, name, "+Inf", cumulative[bounds.length]);
        out.append(name).append("_sum{").append(labels).append("} ").append(number(h.sum())).append('\n');
        out.append(name).append("_count{").append(labels).append("} ").append(h.count()).append('\n');
    }

    private void bucket(StringBuilder out, String name, String le, long count) {
        out.append(name).append("_bucket{").append(labels).append(",le=\"").append(le).append("\"} ").append(count)
                .append('\n');
    }

    private static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? String.format(Locale.ROOT, "%.1f", value) : Double.toString(value);
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
