package dev.chronoscope.emulator.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link Metric}s of one run over its measured requests (the trace's warm-up requests left out),
 * computed from the per-request fields of the benchmark's result JSON ({@code ttfts}, {@code itls},
 * {@code output_lens}) the way vLLM's bench computes them: E2E = TTFT + the inter-token gaps, TPOT =
 * (E2E − TTFT) / (output tokens − 1), percentiles by linear interpolation, throughput = output tokens
 * over the span from the first measured arrival to the last measured completion.
 */
public record RunMetrics(Map<Metric, Double> values) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public RunMetrics {
        for (Metric m : Metric.values()) {
            if (!values.containsKey(m)) throw new IllegalArgumentException("no value for " + m.key());
        }
        values = Map.copyOf(values);
    }

    public double get(Metric metric) { return values.get(metric); }

    /** Reads a result file of a run of {@code trace}; a missing or malformed field is named with the file. */
    public static RunMetrics read(Path resultFile, RequestTrace trace) {
        JsonNode root;
        try {
            root = JSON.readTree(resultFile.toFile());
        } catch (IOException e) {
            throw new ValidationException("cannot read the benchmark result " + resultFile + ": " + e.getMessage());
        }
        return of(root, trace, resultFile.toString());
    }

    static RunMetrics of(JsonNode root, RequestTrace trace, String source) {
        JsonNode ttfts = array(root, "ttfts", trace.size(), source);
        JsonNode itls = array(root, "itls", trace.size(), source);
        JsonNode outputs = array(root, "output_lens", trace.size(), source);
        List<Double> ttftMs = new ArrayList<>(), tpotMs = new ArrayList<>(), e2eMs = new ArrayList<>(), itlMs = new ArrayList<>();
        double tokens = 0, firstArrival = Double.POSITIVE_INFINITY, lastEnd = 0;
        for (int i = trace.warmup(); i < trace.size(); i++) {
            double ttft = number(ttfts.get(i), "ttfts[" + i + "]", source);
            double e2e = ttft;
            JsonNode gaps = itls.get(i);
            if (!gaps.isArray()) throw new ValidationException(source + ": field 'itls[" + i + "]' is not an array");
            for (int g = 0; g < gaps.size(); g++) {
                double gap = number(gaps.get(g), "itls[" + i + "][" + g + "]", source);
                itlMs.add(gap * 1000);
                e2e += gap;
            }
            int out = (int) number(outputs.get(i), "output_lens[" + i + "]", source);
            ttftMs.add(ttft * 1000);
            e2eMs.add(e2e * 1000);
            if (out > 1) tpotMs.add((e2e - ttft) * 1000 / (out - 1));
            tokens += out;
            double arrival = trace.arrivals().get(i);
            firstArrival = Math.min(firstArrival, arrival);
            lastEnd = Math.max(lastEnd, arrival + e2e);
        }
        Map<Metric, Double> v = new EnumMap<>(Metric.class);
        v.put(Metric.MEAN_TTFT, mean(ttftMs));
        v.put(Metric.P99_TTFT, percentile(ttftMs, 99));
        v.put(Metric.MEAN_TPOT, mean(tpotMs));
        v.put(Metric.MEAN_E2E, mean(e2eMs));
        v.put(Metric.THROUGHPUT, lastEnd > firstArrival ? tokens / (lastEnd - firstArrival) : 0);
        v.put(Metric.MIN_TTFT, ttftMs.stream().mapToDouble(Double::doubleValue).min().orElse(0));
        v.put(Metric.P10_ITL, percentile(itlMs, 10));
        return new RunMetrics(v);
    }

    private static JsonNode array(JsonNode root, String field, int size, String source) {
        JsonNode a = root == null ? null : root.get(field);
        if (a == null || !a.isArray()) throw new ValidationException(source + ": field '" + field + "' is missing or not an array");
        if (a.size() != size) {
            throw new ValidationException(source + ": field '" + field + "' has " + a.size() + " requests, the trace " + size);
        }
        return a;
    }

    private static double number(JsonNode v, String field, String source) {
        if (v == null || !v.isNumber()) throw new ValidationException(source + ": field '" + field + "' is not a number");
        return v.asDouble();
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    /** numpy.percentile's default (linear interpolation), as vLLM's bench reports it. */
    static double percentile(List<Double> values, double p) {
        double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (s.length == 0) return 0;
        double rank = p / 100 * (s.length - 1);
        int lo = (int) Math.floor(rank), hi = (int) Math.ceil(rank);
        return s[lo] + (s[hi] - s[lo]) * (rank - lo);
    }
}
