package dev.chronoscope.emulator.models.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscope.emulator.models.fit.FitMetrics;
import dev.chronoscope.emulator.models.form.ModelCodec;
import dev.chronoscope.emulator.models.form.ModelForm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The JSON exchange form of model versions ({@code chronoscope models export/import}, and the
 * shipped defaults resource): {@code {"models": [{device, kernel, form, parameters, ranges, ...}]}}.
 */
public final class VersionsJson {
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private VersionsJson() {}

    /** A version read from JSON, to save; {@code active} says whether to activate it. */
    public record Entry(NewVersion version, boolean active) {}

    public static ObjectNode write(List<ModelVersion> versions, Set<Long> activeIds) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", "chronoscope-models/1");
        ArrayNode models = root.putArray("models");
        for (ModelVersion v : versions) {
            ObjectNode m = models.addObject();
            m.put("device", v.device()).put("kernel", v.kernel()).put("form", v.model().form().id());
            m.put("active", activeIds.contains(v.id()));
            m.set("parameters", ModelCodec.parameters(v.model()));
            m.set("ranges", ModelCodec.ranges(v.ranges()));
            m.put("data_hash", v.dataHash());
            ObjectNode metrics = m.putObject("metrics");
            putNumber(metrics, "r2", v.metrics().r2());
            putNumber(metrics, "mape_pct", v.metrics().mape());
            putNumber(metrics, "cv_mape_pct", v.metrics().cvMape());
            putNumber(metrics, "max_error_pct", v.metrics().maxErrorPct());
            metrics.put("samples", v.metrics().samples());
            m.put("author", v.author()).put("note", v.note()).put("created_at", v.createdAt().toString());
        }
        return root;
    }

    /** Parses an exchange document; errors name the entry and field that is wrong. */
    public static List<Entry> read(JsonNode root, String origin) {
        JsonNode models = root.get("models");
        if (models == null || !models.isArray()) throw new IllegalArgumentException(origin + ": expected a \"models\" array at the top level");
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < models.size(); i++) {
            JsonNode m = models.get(i);
            String where = origin + ": models[" + i + "]";
            try {
                ModelForm form = ModelForm.parse(text(m, "form"));
                JsonNode metrics = m.path("metrics");
                FitMetrics fm = new FitMetrics(number(metrics, "r2"), number(metrics, "mape_pct"), number(metrics, "cv_mape_pct"),
                        number(metrics, "max_error_pct"), metrics.path("samples").asInt(0));
                NewVersion v = new NewVersion(text(m, "device"), text(m, "kernel"), null, ModelCodec.model(form, m.required("parameters")),
                        ModelCodec.ranges(m.path("ranges")), m.path("data_hash").asText(""), fm,
                        m.path("author").asText("import"), m.path("note").asText(""));
                out.add(new Entry(v, m.path("active").asBoolean(false)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    public static List<Entry> read(String json, String origin) {
        try {
            return read(MAPPER.readTree(json), origin);
        } catch (IOException e) {
            throw new IllegalArgumentException(origin + ": not valid JSON: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode m, String field) {
        JsonNode n = m.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank()) throw new IllegalArgumentException("field \"" + field + "\" missing or not text");
        return n.asText();
    }

    private static double number(JsonNode m, String field) {
        JsonNode n = m.get(field);
        return n == null || n.isNull() ? Double.NaN : n.asDouble();
    }

    private static void putNumber(ObjectNode n, String field, double v) {
        if (Double.isNaN(v)) n.putNull(field); else n.put(field, v);
    }
}
