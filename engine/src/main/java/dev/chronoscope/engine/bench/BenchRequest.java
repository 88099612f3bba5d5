package dev.chronoscope.engine.bench;

import dev.chronoscope.engine.client.Prompt;

/**
 * One request of a benchmark workload.
 *
 * @param promptLen         prompt length in tokens (as the dataset counts them)
 * @param outputLen         tokens to ask for (max_tokens)
 * @param arrivalSeconds    when to send it, from the benchmark's start
 */
public record BenchRequest(int index, Prompt prompt, int promptLen, int outputLen, double arrivalSeconds) {

    public BenchRequest at(double seconds) {
        return new BenchRequest(index, prompt, promptLen, outputLen, seconds);
    }
}
