package dev.chronoscope.emulator.models.form;

import java.util.List;

/** The operator names of DESIGN §8 (Vidur's names, so public profiles import directly). */
public final class KernelNames {
    private KernelNames() {}

    public static final List<String> COMPUTE = List.of(
            "emb", "input_layernorm", "attn_pre_proj", "attn_rope", "attn_prefill", "attn_decode",
            "attn_kv_cache_save", "attn_post_proj", "post_attention_layernorm", "mlp_up_proj", "mlp_act",
            "mlp_down_proj", "add", "lm_head", "sampler");

    public static final List<String> COLLECTIVES = List.of("all_reduce", "all_gather", "send_recv");

    /** The per-layer ops a Vidur {@code mlp.csv} times. */
    public static final List<String> VIDUR_MLP_OPS = List.of(
            "emb", "input_layernorm", "attn_pre_proj", "attn_rope", "attn_post_proj", "post_attention_layernorm",
            "mlp_up_proj", "mlp_act", "mlp_down_proj", "add");

    public static List<String> all() {
        return java.util.stream.Stream.concat(COMPUTE.stream(), COLLECTIVES.stream()).toList();
    }

    public static boolean isCollective(String kernel) { return COLLECTIVES.contains(kernel); }
}
