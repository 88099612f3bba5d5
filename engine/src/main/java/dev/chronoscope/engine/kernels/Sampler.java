package dev.chronoscope.engine.kernels;

import dev.chronoscope.engine.device.CounterRng;

import java.util.Arrays;

/**
 * Picks one token per row of logits: greedy (lowest index among equal maxima) at temperature 0,
 * otherwise softmax at the temperature restricted to the top-k tokens and then the smallest
 * top-p nucleus, sampled with the request's counter-based generator at the given counter.
 */
public final class Sampler {
    private Sampler() {}

    public static int sample(float[] logits, double temperature, double topP, int topK, long seed, long counter) {
        int vocab = logits.length;
        if (temperature <= 0) return argmax(logits);
        double u = CounterRng.uniform(seed, counter);
        boolean filter = (topK > 0 && topK < vocab) || topP < 1.0;
        if (!filter) return sampleAll(logits, temperature, u);
        long[] order = new long[vocab];
        for (int v = 0; v < vocab; v++) order[v] = ((long) descendingKey(logits[v]) << 32) | v;
        Arrays.sort(order);
        int keep = topK > 0 ? Math.min(topK, vocab) : vocab;
        double max = logits[(int) order[0]];
        double[] probs = new double[keep];
        double total = 0;
        for (int i = 0; i < keep; i++) {
            probs[i] = Math.exp((logits[(int) order[i]] - max) / temperature);
            total += probs[i];
        }
        int nucleus = keep;
        double cumulative = 0;
        for (int i = 0; i < keep; i++) {
            cumulative += probs[i] / total;
            if (cumulative >= topP) { nucleus = i + 1; break; }
        }
        double nucleusMass = 0;
        for (int i = 0; i < nucleus; i++) nucleusMass += probs[i];
        double target = u * nucleusMass;
        double run = 0;
        for (int i = 0; i < nucleus; i++) {
            run += probs[i];
            if (target < run) return (int) order[i];
        }
        return (int) order[nucleus - 1];
    }

    private static int sampleAll(float[] logits, double temperature, double u) {
        int best = argmax(logits);
        double max = logits[best];
        double total = 0;
        for (float l : logits) total += Math.exp((l - max) / temperature);
        double target = u * total, run = 0;
        for (int v = 0; v < logits.length; v++) {
            run += Math.exp((logits[v] - max) / temperature);
            if (target < run) return v;
        }
        return best;
    }

    static int argmax(float[] logits) {
        int best = 0;
        for (int v = 1; v < logits.length; v++) if (logits[v] > logits[best]) best = v;
        return best;
    }

    /** An int that sorts ascending as the float sorts descending. */
    private static int descendingKey(float f) {
        int bits = Float.floatToIntBits(f);
        int ascending = bits < 0 ? ~bits : bits | Integer.MIN_VALUE;
        return ~ascending ^ Integer.MIN_VALUE;
    }
}
