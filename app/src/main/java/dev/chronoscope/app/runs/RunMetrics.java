package dev.chronoscope.app.runs;

/**
 * The benchmark figures of a run (or of its finished part while it runs), as vLLM's serving
 * benchmark reports them. Latencies in milliseconds; throughput per virtual second.
 */
public record RunMetrics(int completed, int arrived, double durationSeconds, long totalInputTokens, long totalOutputTokens,
                         Distribution ttftMs, Distribution tpotMs, Distribution itlMs, Distribution e2eMs) {

    public double requestThroughput() { return durationSeconds > 0 ? completed / durationSeconds : 0; }

    public double outputThroughput() { return durationSeconds > 0 ? totalOutputTokens / durationSeconds : 0; }

    public double totalTokenThroughput() {
        return durationSeconds > 0 ? (totalInputTokens + totalOutputTokens) / durationSeconds : 0;
    }
}
