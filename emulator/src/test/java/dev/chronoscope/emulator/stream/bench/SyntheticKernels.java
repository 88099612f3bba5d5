package dev.chronoscope.emulator.stream.bench;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.stream.event.StreamEvent.Kernel;

import java.util.Random;

/**
 * Kernel events shaped like an emulated 8-GPU decode-heavy run: 8 ranks × 2 streams, Vidur
 * operator names, feature sets drawn from a pool of 4096 distinct instances (equal values arrive
 * as different objects, as when each launch builds its own features), 3 model versions.
 */
final class SyntheticKernels {
    static final String[] NAMES = {"emb", "input_layernorm", "attn_pre_proj", "attn_rope", "attn_prefill", "attn_decode",
            "attn_kv_cache_save", "attn_post_proj", "post_attention_layernorm", "mlp_up_proj", "mlp_act", "mlp_down_proj",
            "add", "lm_head", "sampler", "all_reduce"};

    private SyntheticKernels() {}

    static Kernel[] generate(int count, long seed) {
        Random random = new Random(seed);
        Features[] pool = new Features[4096];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = Features.of("num_tokens", 1 + random.nextInt(4096), "batch_size", 1 + random.nextInt(256), "tp", 8);
        }
        String[] versions = {"h100-mlp-v3", "h100-attn-v7", "roofline-v1"};
        int tracks = 16;
        long[] tail = new long[tracks];
        Kernel[] kernels = new Kernel[count];
        for (int i = 0; i < count; i++) {
            int track = i % tracks;
            long start = tail[track] + random.nextInt(2_000);
            long end = start + 2_000 + random.nextInt(200_000);
            tail[track] = end;
            kernels[i] = new Kernel(start, end, track / 2, track % 2, NAMES[random.nextInt(NAMES.length)],
                    Features.of(new String[] {"num_tokens", "batch_size", "tp"}, valuesOf(pool[random.nextInt(pool.length)])),
                    versions[random.nextInt(versions.length)], random.nextInt(100) == 0, random.nextInt(4) == 0 ? 7 : Kernel.NO_GRAPH);
        }
        return kernels;
    }

    private static double[] valuesOf(Features f) {
        double[] v = new double[f.size()];
        for (int i = 0; i < v.length; i++) v[i] = f.value(i);
        return v;
    }
}
