package dev.chronoscope.engine.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * vLLM's random dataset: input and output lengths drawn uniformly from
 * [len·(1−range_ratio), len·(1+range_ratio)], prompts of random tokens.
 */
public final class RandomDataset implements Dataset {
    private final int inputLen;
    private final int outputLen;
    private final double rangeRatio;

    public RandomDataset(int inputLen, int outputLen, double rangeRatio) {
        if (inputLen < 1 || outputLen < 1) {
            throw new IllegalArgumentException("--random-input-len and --random-output-len must be at least 1");
        }
        if (rangeRatio < 0 || rangeRatio >= 1) {
            throw new IllegalArgumentException("--random-range-ratio must be in [0, 1), got " + rangeRatio);
        }
        this.inputLen = inputLen;
        this.outputLen = outputLen;
        this.rangeRatio = rangeRatio;
    }

    @Override
    public List<BenchRequest> sample(int n, RandomGenerator rng) {
        List<BenchRequest> requests = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int in = draw(inputLen, rng);
            int out = draw(outputLen, rng);
            requests.add(new BenchRequest(i, RandomTokens.prompt(in, rng), in, out, 0));
        }
        return requests;
    }

    private int draw(int center, RandomGenerator rng) {
        int low = Math.max(1, (int) Math.floor(center * (1 - rangeRatio)));
        int high = Math.max(low, (int) Math.ceil(center * (1 + rangeRatio)));
        return low + rng.nextInt(high - low + 1);
    }
}
