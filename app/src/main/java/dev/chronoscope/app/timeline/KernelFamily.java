package dev.chronoscope.app.timeline;

import javafx.scene.paint.Color;

/**
 * Groups kernel names (DESIGN §8, Vidur's operator names) into families that share a colour, so
 * a Gantt chart reads at a glance: attention vs GEMMs vs communication vs host waits.
 */
public enum KernelFamily {
    ATTENTION("Attention", Color.web("#e15759")),
    GEMM("GEMM (projections)", Color.web("#4e79a7")),
    NORM("Norm", Color.web("#59a14f")),
    ELEMENTWISE("Elementwise", Color.web("#edc948")),
    EMBEDDING("Embedding / LM head", Color.web("#b07aa1")),
    SAMPLER("Sampler", Color.web("#ff9da7")),
    COMMUNICATION("Communication", Color.web("#f28e2b")),
    MEMCPY("Memcpy", Color.web("#76b7b2")),
    HOST_WAIT("Host wait (time jump)", Color.web("#9c9c9c")),
    OTHER("Other", Color.web("#bab0ac"));

    private final String label;
    private final Color color;

    KernelFamily(String label, Color color) {
        this.label = label;
        this.color = color;
    }

    public String label() { return label; }
    public Color color() { return color; }

    public static KernelFamily ofKernel(String name) {
        return switch (name) {
            case "attn_prefill", "attn_decode", "attn_kv_cache_save" -> ATTENTION;
            case "attn_pre_proj", "attn_post_proj", "mlp_up_proj", "mlp_down_proj" -> GEMM;
            case "input_layernorm", "post_attention_layernorm", "norm", "final_layernorm" -> NORM;
            case "attn_rope", "mlp_act", "add" -> ELEMENTWISE;
            case "emb", "lm_head" -> EMBEDDING;
            case "sampler" -> SAMPLER;
            case "all_reduce", "all_gather", "send_recv", "reduce_scatter", "broadcast" -> COMMUNICATION;
            default -> name.startsWith("attn") ? ATTENTION : name.startsWith("mlp") ? GEMM : OTHER;
        };
    }
}
