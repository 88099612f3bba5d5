package dev.chronoscope.engine.executor;

/** Sampling knobs of one request; temperature 0 is greedy. The seed makes sampling reproducible. */
public record SamplingParams(double temperature, double topP, int topK, long seed) {
    public static final SamplingParams GREEDY = new SamplingParams(0.0, 1.0, -1, 0);
}
