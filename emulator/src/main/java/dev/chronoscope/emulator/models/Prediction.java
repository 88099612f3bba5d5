package dev.chronoscope.emulator.models;

/**
 * A predicted kernel duration and where it came from.
 *
 * @param durationNanos predicted duration, nanoseconds (never negative)
 * @param modelVersion  the model version that answered, e.g. {@code "h100-sxm/mlp_up_proj@3"} or {@code "roofline/h100-sxm/attn_decode"}
 * @param outOfRange    true when a feature lies outside the range the model was fitted on
 */
public record Prediction(long durationNanos, String modelVersion, boolean outOfRange) {
    public Prediction {
        if (durationNanos < 0) throw new IllegalArgumentException("negative predicted duration: " + durationNanos);
        if (modelVersion == null || modelVersion.isEmpty()) throw new IllegalArgumentException("prediction without a model version");
    }
}
