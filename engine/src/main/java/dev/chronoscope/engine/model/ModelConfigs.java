package dev.chronoscope.engine.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Model configurations by preset name or HuggingFace {@code config.json}. Preset values are the
 * published HuggingFace configs of the named checkpoints.
 */
public final class ModelConfigs {

    /** A small Llama that serves quickly on two CPU cores: byte-level vocabulary plus specials. */
    public static final ModelConfig TINY = new ModelConfig("tiny", 256, 4, 8, 4, 704, 512, 2048,
            10000.0, 1e-5, false, "float32");

    private static final Map<String, ModelConfig> PRESETS = presets();

    private ModelConfigs() {}

    private static Map<String, ModelConfig> presets() {
        Map<String, ModelConfig> m = new LinkedHashMap<>();
        m.put("tiny", TINY);
        m.put("llama-2-7b", new ModelConfig("llama-2-7b", 4096, 32, 32, 32, 11008, 32000, 4096, 10000.0, 1e-5, false, "float16"));
        m.put("llama-2-70b", new ModelConfig("llama-2-70b", 8192, 80, 64, 8, 28672, 32000, 4096, 10000.0, 1e-5, false, "float16"));
        m.put("llama-3-8b", new ModelConfig("llama-3-8b", 4096, 32, 32, 8, 14336, 128256, 8192, 500000.0, 1e-5, false, "bfloat16"));
        m.put("llama-3-70b", new ModelConfig("llama-3-70b", 8192, 80, 64, 8, 28672, 128256, 8192, 500000.0, 1e-5, false, "bfloat16"));
        m.put("codellama-34b", new ModelConfig("codellama-34b", 8192, 48, 64, 8, 22016, 32000, 16384, 1000000.0, 1e-5, false, "bfloat16"));
        m.put("mistral-7b", new ModelConfig("mistral-7b", 4096, 32, 32, 8, 14336, 32000, 32768, 10000.0, 1e-5, false, "bfloat16"));
        m.put("qwen2-7b", new ModelConfig("qwen2-7b", 3584, 28, 28, 4, 18944, 152064, 131072, 1000000.0, 1e-6, false, "bfloat16",
                RopeScaling.NONE, true));
        return Map.copyOf(m);
    }

    public static Set<String> presetNames() { return PRESETS.keySet(); }

    /** A preset by name, or the config.json at that path (a directory means its config.json). */
    public static ModelConfig resolve(String presetOrPath) {
        ModelConfig preset = PRESETS.get(presetOrPath);
        if (preset != null) return preset;
        Path path = Path.of(presetOrPath);
        if (Files.isDirectory(path)) path = path.resolve("config.json");
        if (!Files.isRegularFile(path)) {
            throw new ModelConfigException("unknown model '" + presetOrPath + "': not a preset "
                    + new java.util.TreeSet<>(PRESETS.keySet()) + " and no config.json at " + path);
        }
        return fromHuggingFace(path);
    }

    /** Reads a HuggingFace config.json; errors name the file and the offending field. */
    public static ModelConfig fromHuggingFace(Path configJson) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(configJson));
        } catch (JsonProcessingException e) {
            throw new ModelConfigException(configJson + ": not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelConfigException(configJson + ": cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) throw new ModelConfigException(configJson + ": expected a JSON object");
        Path parent = configJson.toAbsolutePath().getParent();
        String defaultName = parent != null && parent.getFileName() != null ? parent.getFileName().toString() : "model";
        return new ConfigReader(configJson, root).read(defaultName);
    }

    /** Field-by-field reading with messages that name the field. */
    private record ConfigReader(Path file, JsonNode root) {

        ModelConfig read(String defaultName) {
            int hidden = positiveInt("hidden_size", null);
            int layers = positiveInt("num_hidden_layers", null);
            int heads = positiveInt("num_attention_heads", null);
            int kvHeads = positiveInt("num_key_value_heads", heads);
            int intermediate = positiveInt("intermediate_size", null);
            int vocab = positiveInt("vocab_size", null);
            int maxPos = positiveInt("max_position_embeddings", 2048);
            double theta = positiveDouble(root, "rope_theta", 10000.0);
            double eps = positiveDouble(root, "rms_norm_eps", 1e-6);
            boolean tie = bool("tie_word_embeddings", false);
            String modelType = text("model_type", "llama");
            boolean bias = bool("attention_bias", "qwen2".equals(modelType));
            String dtype = text("torch_dtype", "bfloat16");
            if (!Set.of("float32", "float16", "bfloat16").contains(dtype)) {
                throw bad("torch_dtype", "one of float32, float16, bfloat16", root.get("torch_dtype"));
            }
            if (hidden % heads != 0) {
                throw new ModelConfigException(file + ": field 'hidden_size' (" + hidden
                        + ") must be a multiple of 'num_attention_heads' (" + heads + ")");
            }
            if (heads % kvHeads != 0) {
                throw new ModelConfigException(file + ": field 'num_key_value_heads' (" + kvHeads
                        + ") must divide 'num_attention_heads' (" + heads + ")");
            }
            return new ModelConfig(defaultName, hidden, layers, heads, kvHeads, intermediate, vocab, maxPos, theta, eps,
                    tie, dtype, ropeScaling(), bias);
        }

        private RopeScaling ropeScaling() {
            JsonNode node = root.get("rope_scaling");
            if (node == null || node.isNull()) return RopeScaling.NONE;
            if (!node.isObject()) throw bad("rope_scaling", "an object or null", node);
            JsonNode typeNode = node.has("rope_type") ? node.get("rope_type") : node.get("type");
            String typeField = node.has("rope_type") ? "rope_scaling.rope_type" : "rope_scaling.type";
            if (typeNode == null || !typeNode.isTextual()) throw bad(typeField, "a string", typeNode);
            String type = typeNode.asText();
            return switch (type) {
                case "default" -> RopeScaling.NONE;
                case "linear" -> RopeScaling.linear(positiveDouble(node, "factor", null, "rope_scaling.factor"));
                case "llama3" -> RopeScaling.llama3(
                        positiveDouble(node, "factor", null, "rope_scaling.factor"),
                        positiveDouble(node, "low_freq_factor", null, "rope_scaling.low_freq_factor"),
                        positiveDouble(node, "high_freq_factor", null, "rope_scaling.high_freq_factor"),
                        (int) positiveDouble(node, "original_max_position_embeddings", null,
                                "rope_scaling.original_max_position_embeddings"));
                default -> throw bad(typeField, "one of default, linear, llama3", typeNode);
            };
        }

        private int positiveInt(String field, Integer fallback) {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                if (fallback == null) throw new ModelConfigException(file + ": missing required field '" + field + "'");
                return fallback;
            }
            if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() <= 0) {
                throw bad(field, "a positive integer", node);
            }
            return node.asInt();
        }

        private double positiveDouble(JsonNode parent, String field, Double fallback) {
            return positiveDouble(parent, field, fallback, field);
        }

        private double positiveDouble(JsonNode parent, String field, Double fallback, String qualified) {
            JsonNode node = parent.get(field);
            if (node == null || node.isNull()) {
                if (fallback == null) throw new ModelConfigException(file + ": missing required field '" + qualified + "'");
                return fallback;
            }
            if (!node.isNumber() || !(node.asDouble() > 0)) throw bad(qualified, "a positive number", node);
            return node.asDouble();
        }

        private boolean bool(String field, boolean fallback) {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) return fallback;
            if (!node.isBoolean()) throw bad(field, "true or false", node);
            return node.asBoolean();
        }

        private String text(String field, String fallback) {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) return fallback;
            if (!node.isTextual()) throw bad(field, "a string", node);
            return node.asText();
        }

        private ModelConfigException bad(String field, String expected, JsonNode got) {
            return new ModelConfigException(file + ": field '" + field + "' must be " + expected + ", got "
                    + (got == null ? "nothing" : got.toString()));
        }
    }
}
