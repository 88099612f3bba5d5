package dev.chronoscope.emulator.it;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.KernelPredictor;
import dev.chronoscope.emulator.models.Prediction;

import java.util.Map;

/**
 * A small deterministic kernel model: a kernel lasts {@code num_tokens} times its per-token cost.
 * Round numbers, so the tests can work the timeline out by hand.
 */
final class TokenRatePredictor implements KernelPredictor {
    static final long ATTN_PRE_PROJ_NANOS_PER_TOKEN = 20;
    static final long KV_CACHE_SAVE_NANOS_PER_TOKEN = 30;
    static final long MLP_UP_PROJ_NANOS_PER_TOKEN = 40;
    static final long OTHER_NANOS_PER_TOKEN = 10;

    private static final Map<String, Long> NANOS_PER_TOKEN = Map.of(
            "attn_pre_proj", ATTN_PRE_PROJ_NANOS_PER_TOKEN,
            "attn_kv_cache_save", KV_CACHE_SAVE_NANOS_PER_TOKEN,
            "mlp_up_proj", MLP_UP_PROJ_NANOS_PER_TOKEN);

    @Override
    public Prediction predict(String deviceType, String kernel, Features features) {
        long perToken = NANOS_PER_TOKEN.getOrDefault(kernel, OTHER_NANOS_PER_TOKEN);
        return new Prediction((long) features.get("num_tokens", 0) * perToken, "it/" + deviceType + "/" + kernel + "@1", false);
    }
}
