package dev.chronoscope.emulator.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code emulate} must know of a model before it starts anything: its head and layer counts, to
 * check a parallel layout. Presets carry the published HuggingFace values (the engine's presets); any
 * other name is read as a HuggingFace {@code config.json} (or a directory holding one).
 */
public record ModelShape(String name, int numAttentionHeads, int numKeyValueHeads, int numHiddenLayers) {
    private static final String PRESETS = "/dev/chronoscope/emulator/run/model-presets.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static ModelShape resolve(String presetOrPath) {
        Map<String, ModelShape> presets = presets();
        ModelShape preset = presets.get(presetOrPath);
        if (preset != null) return preset;
        Path path = Path.of(presetOrPath);
        if (Files.isDirectory(path)) path = path.resolve("config.json");
        if (!Files.isRegularFile(path)) {
            throw new ScenarioException("--model: unknown model '" + presetOrPath + "': not a preset " + presets.keySet()
                    + " and no config.json at " + path);
        }
        return fromConfig(path);
    }

    static ModelShape fromConfig(Path configJson) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(configJson));
        } catch (JsonProcessingException e) {
            throw new ScenarioException(configJson + ": not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ScenarioException(configJson + ": cannot read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) throw new ScenarioException(configJson + ": expected a JSON object");
        int heads = positive(configJson, root, "num_attention_heads");
        int kvHeads = root.has("num_key_value_heads") ? positive(configJson, root, "num_key_value_heads") : heads;
        Path parent = configJson.toAbsolutePath().getParent();
        String name = parent != null && parent.getFileName() != null ? parent.getFileName().toString() : "model";
        return new ModelShape(name, heads, kvHeads, positive(configJson, root, "num_hidden_layers"));
    }

    private static int positive(Path file, JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null) throw new ScenarioException(file + ": missing field '" + field + "'");
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.intValue() < 1) {
            throw new ScenarioException(file + ": field '" + field + "' must be a positive whole number, got " + node);
        }
        return node.intValue();
    }

    /** Checks that {@code tp} ranks split the heads and {@code pp} stages the layers, as the engine will. */
    public void checkLayout(int tp, int pp) {
        if (tp < 1 || pp < 1) throw new ScenarioException("--tensor-parallel-size and --pipeline-parallel-size must be ≥ 1");
        if (numAttentionHeads % tp != 0) {
            throw new ScenarioException("--tensor-parallel-size " + tp + " does not divide " + name + "'s "
                    + numAttentionHeads + " attention heads");
        }
        if (numKeyValueHeads % tp != 0) {
            throw new ScenarioException("--tensor-parallel-size " + tp + " does not divide " + name + "'s "
                    + numKeyValueHeads + " key/value heads");
        }
        if (pp > numHiddenLayers) {
            throw new ScenarioException("--pipeline-parallel-size " + pp + " exceeds " + name + "'s " + numHiddenLayers + " layers");
        }
    }

    private static Map<String, ModelShape> presets() {
        try (InputStream in = ModelShape.class.getResourceAsStream(PRESETS)) {
            if (in == null) throw new IllegalStateException("missing resource " + PRESETS);
            Map<String, ModelShape> m = new TreeMap<>();
            JSON.readTree(in).properties().forEach(e -> m.put(e.getKey(), new ModelShape(e.getKey(),
                    e.getValue().get("num_attention_heads").intValue(), e.getValue().get("num_key_value_heads").intValue(),
                    e.getValue().get("num_hidden_layers").intValue())));
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
