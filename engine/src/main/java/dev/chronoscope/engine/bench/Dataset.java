package dev.chronoscope.engine.bench;

import java.util.List;
import java.util.random.RandomGenerator;

/** Where prompts and output lengths come from (vLLM bench's --dataset-name). */
public interface Dataset {

    /** {@code n} requests, with arrival times left at zero unless the dataset carries its own (traces). */
    List<BenchRequest> sample(int n, RandomGenerator rng);

    /** True when the requests carry arrival times that replace the arrival process. */
    default boolean hasArrivalTimes() { return false; }
}
