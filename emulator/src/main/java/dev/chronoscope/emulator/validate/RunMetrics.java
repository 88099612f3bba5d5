package dev.chronoscope.emulator.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** The {@link Metric}s of one benchmark run, read from the result JSON that {@code bench --save-result} writes. */
public record RunMetrics(Map<Metric, Double> values) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public RunMetrics {
        for (Metric m : Metric.values()) {
            if (!values.containsKey(m)) throw new IllegalArgumentException("no value for " + m.key());
        }
        values = Map.copyOf(values);
    }

    public double get(Metric metric) { return values.get(metric); }

    /** Reads the metrics of a result file; a missing or non-numeric field is named with the file. */
    public static RunMetrics read(Path resultFile) {
        JsonNode root;
        try {
            root = JSON.readTree(resultFile.toFile());
        } catch (IOException e) {
            throw new ValidationException("cannot read the benchmark result " + resultFile + ": " + e.getMessage());
        }
        return of(root, resultFile.toString());
    }

    static RunMetrics of(JsonNode root, String source) {
        Map<Metric, Double> values = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            JsonNode v = root == null ? null : root.get(m.field());
            if (v == null || !v.isNumber()) {
                throw new ValidationException(source + ": field '" + m.field() + "' is missing or not a number");
            }
            values.put(m, v.asDouble());
        }
        return new RunMetrics(values);
    }
}
