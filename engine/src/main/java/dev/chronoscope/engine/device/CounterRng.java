package dev.chronoscope.engine.device;

/**
 * The counter-based generator (SplitMix64 finaliser) behind {@link FillSpec.SeededUniform} and the
 * sampler: value {@code n} of stream {@code seed} needs no state, so any shard of a tensor or any
 * step of a request draws the same numbers wherever it runs.
 */
public final class CounterRng {
    private CounterRng() {}

    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public static double uniform(long seed, long counter) {
        return (mix(mix(seed) + counter * 0x9e3779b97f4a7c15L) >>> 11) * 0x1.0p-53;
    }
}
