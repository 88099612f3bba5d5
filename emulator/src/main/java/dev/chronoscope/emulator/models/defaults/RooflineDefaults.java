package dev.chronoscope.emulator.models.defaults;

import dev.chronoscope.emulator.models.form.KernelNames;
import dev.chronoscope.emulator.models.form.RooflineModel;

import java.util.Map;
import java.util.TreeMap;

/**
 * The roofline efficiency and overhead of each kernel where no fitted model is active. Kernels
 * fitted on public profiles carry the median of their per-device fits (the "trained physics");
 * the rest use nominal values: tensor-core GEMMs reach ~70 % of peak, attention ~50 %,
 * memory-bound kernels ~60 % of bandwidth, and any launch costs a few microseconds.
 */
public final class RooflineDefaults {
    private static final RooflineModel GEMM = new RooflineModel(0.7, 4_000);
    private static final RooflineModel ATTENTION = new RooflineModel(0.5, 8_000);
    private static final RooflineModel MEMORY_BOUND = new RooflineModel(0.6, 3_000);
    private static final RooflineModel COLLECTIVE = new RooflineModel(0.7, 20_000);

    private final Map<String, RooflineModel> fitted;

    public RooflineDefaults(Map<String, RooflineModel> fitted) {
        this.fitted = Map.copyOf(new TreeMap<>(fitted));
    }

    public static final RooflineDefaults NOMINAL = new RooflineDefaults(Map.of());

    public RooflineModel forKernel(String kernel) {
        RooflineModel m = fitted.get(kernel);
        if (m != null) return m;
        if (KernelNames.isCollective(kernel)) return COLLECTIVE;
        return switch (kernel) {
            case "attn_pre_proj", "attn_post_proj", "mlp_up_proj", "mlp_down_proj", "lm_head" -> GEMM;
            case "attn_prefill", "attn_decode" -> ATTENTION;
            default -> MEMORY_BOUND;
        };
    }

    /** Whether the kernel's figures were fitted (true) or are nominal. */
    public boolean isFitted(String kernel) { return fitted.containsKey(kernel); }

    public Map<String, RooflineModel> fitted() { return fitted; }
}
