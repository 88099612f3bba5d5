package dev.chronoscope.app.runs;

import java.util.Arrays;
import java.util.List;

/**
 * The model presets the scenario editor offers, with the architecture facts its validation needs
 * (attention heads for TP, layers for PP). Values are those of the models' HuggingFace config.json.
 */
public enum ModelPreset {
    LLAMA_2_7B("llama-2-7b", 32, 32, 32),
    LLAMA_3_8B("llama-3-8b", 32, 8, 32),
    LLAMA_2_70B("llama-2-70b", 64, 8, 80),
    LLAMA_3_70B("llama-3-70b", 64, 8, 80),
    CODELLAMA_34B("codellama-34b", 64, 8, 48),
    MISTRAL_7B("mistral-7b", 32, 8, 32),
    QWEN2_7B("qwen2-7b", 28, 4, 28),
    TINY("tiny", 8, 4, 4);

    private final String id;
    private final int attentionHeads;
    private final int kvHeads;
    private final int layers;

    ModelPreset(String id, int attentionHeads, int kvHeads, int layers) {
        this.id = id;
        this.attentionHeads = attentionHeads;
        this.kvHeads = kvHeads;
        this.layers = layers;
    }

    public String id() { return id; }
    public int attentionHeads() { return attentionHeads; }
    public int kvHeads() { return kvHeads; }
    public int layers() { return layers; }

    public static List<String> ids() { return Arrays.stream(values()).map(ModelPreset::id).toList(); }

    public static ModelPreset byId(String id) {
        for (ModelPreset p : values()) if (p.id.equals(id)) return p;
        throw new IllegalArgumentException("unknown model preset '" + id + "'; expected one of " + ids());
    }

    @Override public String toString() { return id; }
}
