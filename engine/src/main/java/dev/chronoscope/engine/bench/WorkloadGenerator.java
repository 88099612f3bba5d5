package dev.chronoscope.engine.bench;

import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.Well19937c;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A benchmark's requests with their send times, as vLLM bench makes them: the first at zero, then gaps
 * drawn from a gamma distribution with shape {@code burstiness} and mean 1/rate (burstiness 1 is a
 * Poisson process; below 1 burstier, above 1 more regular); an infinite rate sends everything at once.
 * A trace keeps its own arrival times. The same seed gives the same workload, whoever sends it.
 */
public final class WorkloadGenerator {
    private final Dataset dataset;
    private final double requestRate;
    private final double burstiness;
    private final long seed;

    public WorkloadGenerator(Dataset dataset, double requestRate, double burstiness, long seed) {
        if (!(requestRate > 0)) {
            throw new IllegalArgumentException("--request-rate must be positive (or inf), got " + requestRate);
        }
        if (!(burstiness > 0) || Double.isInfinite(burstiness)) {
            throw new IllegalArgumentException("--burstiness must be a positive number, got " + burstiness);
        }
        this.dataset = dataset;
        this.requestRate = requestRate;
        this.burstiness = burstiness;
        this.seed = seed;
    }

    public List<BenchRequest> generate(int numPrompts) {
        if (numPrompts < 1) {
            throw new IllegalArgumentException("--num-prompts must be at least 1, got " + numPrompts);
        }
        List<BenchRequest> requests = dataset.sample(numPrompts, new Random(seed));
        if (dataset.hasArrivalTimes() || Double.isInfinite(requestRate)) {
            return requests;
        }
        GammaDistribution gaps = new GammaDistribution(new Well19937c(seed), burstiness,
                1.0 / (requestRate * burstiness));
        List<BenchRequest> timed = new ArrayList<>(requests.size());
        double t = 0;
        for (BenchRequest r : requests) {
            timed.add(r.at(t));
            t += gaps.sample();
        }
        return timed;
    }
}
