package dev.chronoscope.engine.worker;

/**
 * @param maxNumSeqs   most sequences per step; also the largest decode batch replayed as a graph
 * @param enforceEager never capture graphs (vLLM's {@code --enforce-eager})
 */
public record RunnerOptions(int maxNumSeqs, boolean enforceEager) {
    public static final RunnerOptions DEFAULT = new RunnerOptions(256, false);
}
