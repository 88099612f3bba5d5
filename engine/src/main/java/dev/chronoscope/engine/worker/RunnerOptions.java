package dev.chronoscope.engine.worker;

/**
 * @param maxNumSeqs   most sequences per step; also the largest decode batch replayed as a graph
 * @param maxModelLen  longest sequence in tokens (sizes the block tables); 0 means the model's maximum
 * @param enforceEager never capture graphs (vLLM's {@code --enforce-eager})
 */
public record RunnerOptions(int maxNumSeqs, int maxModelLen, boolean enforceEager) {}
