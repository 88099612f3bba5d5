package dev.chronoscope.emulator.models.imports;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.store.NewSample;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's own sample format, written by {@code chronoscope calibrate} and the GPU profiling
 * script. CSV: columns {@code kernel,duration_ns[,source]} and one column per feature (an empty
 * cell means the launch had no such argument). JSON: {@code {"samples": [{"kernel": …,
 * "duration_ns": …, "features": {…}, "source": …}]}}.
 */
public final class SampleFileImporter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleFileImporter() {}

    public static List<NewSample> read(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".csv")) return readCsv(file);
        if (name.endsWith(".json")) return readJson(file);
        throw new ImportException(file.toString(), 0, null, "expected a .csv or .json sample file");
    }

    static List<NewSample> readCsv(Path file) {
        CsvTable t = CsvTable.read(file);
        t.require("kernel", "duration_ns");
        List<String> featureColumns = t.header().stream().map(String::trim)
                .filter(c -> !c.equals("kernel") && !c.equals("duration_ns") && !c.equals("source")).toList();
        List<NewSample> out = new ArrayList<>();
        for (int r = 0; r < t.size(); r++) {
            String kernel = t.text(r, "kernel");
            if (kernel.isEmpty()) throw new ImportException(t.file(), t.line(r), "kernel", "empty kernel name");
            List<String> names = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (String c : featureColumns) {
                if (t.text(r, c).isEmpty()) continue;
                names.add(c);
                values.add(t.number(r, c, false));
            }
            String source = t.has("source") && !t.text(r, "source").isEmpty() ? t.text(r, "source") : "file:" + file;
            out.add(new NewSample(kernel, Features.of(names.toArray(String[]::new), values.stream().mapToDouble(Double::doubleValue).toArray()),
                    t.number(r, "duration_ns", true), source));
        }
        return out;
    }

    static List<NewSample> readJson(Path file) {
        String f = file.toString();
        List<NewSample> out = new ArrayList<>();
        try (JsonParser p = JSON.createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new ImportException(f, 1, null, "expected a JSON object with a \"samples\" array");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (!field.equals("samples")) { p.skipChildren(); continue; }
                if (p.currentToken() != JsonToken.START_ARRAY) throw new ImportException(f, p.currentLocation().getLineNr(), "samples", "expected an array");
                int i = 0;
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    JsonLocation at = p.currentLocation();
                    JsonNode s = p.readValueAsTree();
                    out.add(sample(f, at, i++, s));
                }
                return out;
            }
            throw new ImportException(f, 0, "samples", "no \"samples\" array in the file");
        } catch (IOException e) {
            throw new ImportException(f, 0, null, "not valid JSON: " + e.getMessage());
        }
    }

    private static NewSample sample(String file, JsonLocation at, int i, JsonNode s) {
        long line = at.getLineNr();
        String where = "samples[" + i + "] (column " + at.getColumnNr() + ")";
        JsonNode kernel = s.get("kernel");
        if (kernel == null || !kernel.isTextual() || kernel.asText().isBlank()) throw new ImportException(file, line, "kernel", where + ": expected a kernel name");
        JsonNode d = s.get("duration_ns");
        if (d == null || !d.isNumber() || !(d.asDouble() > 0) || !Double.isFinite(d.asDouble())) {
            throw new ImportException(file, line, "duration_ns", where + ": expected a positive number, got " + d);
        }
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        JsonNode features = s.path("features");
        for (var e : (Iterable<java.util.Map.Entry<String, JsonNode>>) features.properties()::iterator) {
            if (!e.getValue().isNumber() || !Double.isFinite(e.getValue().asDouble())) {
                throw new ImportException(file, line, "features." + e.getKey(), where + ": expected a finite number, got " + e.getValue());
            }
            names.add(e.getKey());
            values.add(e.getValue().asDouble());
        }
        String source = s.hasNonNull("source") ? s.get("source").asText() : "file:" + file;
        return new NewSample(kernel.asText(), Features.of(names.toArray(String[]::new), values.stream().mapToDouble(Double::doubleValue).toArray()),
                d.asDouble(), source);
    }
}
