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

    /**
     * Costs of a device runtime and its host that are not kernels, calibrated in situ for devices whose
     * hand-offs are not GPU-like (cpu-local): {@code launch_latency} (work enqueued on an idle stream
     * until it starts), {@code sync_latency} (a stream done until the waiting host thread runs again)
     * and {@code host_step} (an engine step's host work, what modeled time charges per step).
     */
    public static final List<String> RUNTIME = List.of("launch_latency", "sync_latency", "host_step");

    /** The per-layer ops a Vidur {@code mlp.csv} times. */
    public static final List<String> VIDUR_MLP_OPS = List.of(
            "emb", "input_layernorm", "attn_pre_proj", "attn_rope", "attn_post_proj", "post_attention_layernorm",
            "mlp_up_proj", "mlp_act", "mlp_down_proj", "add");

    public static List<String> all() {
        return java.util.stream.Stream.concat(COMPUTE.stream(), COLLECTIVES.stream()).toList();
    }

    /** Every kernel and the runtime costs: what a calibration may measure and fit. */
    public static List<String> allWithRuntime() {
        return java.util.stream.Stream.of(COMPUTE, COLLECTIVES, RUNTIME).flatMap(List::stream).toList();
    }

    public static boolean isCollective(String kernel) { return COLLECTIVES.contains(kernel); }

    public static boolean isRuntime(String kernel) { return RUNTIME.contains(kernel); }
}
