package dev.chronoscope.engine.core;

import dev.chronoscope.engine.core.request.FinishReason;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The engine's serving metrics, with vLLM's meaning: written by the engine thread, read by anyone
 * (the /metrics endpoint, dashboards). Bucket bounds are vLLM's, so dashboards built for vLLM fit.
 */
public final class EngineMetrics {
    private final Histogram timeToFirstToken = new Histogram(0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25,
            0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0);
    private final Histogram timePerOutputToken = new Histogram(0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4,
            0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0);
    private final Histogram e2eRequestLatency = new Histogram(0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0, 10.0, 15.0,
            20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0);
    private final LongAdder promptTokens = new LongAdder();
    private final LongAdder generationTokens = new LongAdder();
    private final LongAdder preemptions = new LongAdder();
    private final Map<FinishReason, LongAdder> finishedRequests = new EnumMap<>(FinishReason.class);
    private volatile int numRunning;
    private volatile int numWaiting;
    private volatile double kvCacheUsage;
    private volatile long prefixCacheQueries;
    private volatile long prefixCacheHits;

    public EngineMetrics() {
        for (FinishReason reason : FinishReason.values()) {
            finishedRequests.put(reason, new LongAdder());
        }
    }

    void recordFirstToken(double ttftSeconds, int numPromptTokens) {
        timeToFirstToken.observe(ttftSeconds);
        promptTokens.add(numPromptTokens);
    }

    void recordToken() { generationTokens.increment(); }

    void recordInterTokenLatency(double seconds) { timePerOutputToken.observe(seconds); }

    void recordFinished(FinishReason reason, double e2eSeconds) {
        finishedRequests.get(reason).increment();
        e2eRequestLatency.observe(e2eSeconds);
    }

    void recordPreemptions(int n) { preemptions.add(n); }

    void recordState(int running, int waiting, double kvUsage, long prefixQueries, long prefixHits) {
        numRunning = running;
        numWaiting = waiting;
        kvCacheUsage = kvUsage;
        prefixCacheQueries = prefixQueries;
        prefixCacheHits = prefixHits;
    }

    public Histogram timeToFirstToken() { return timeToFirstToken; }

    /** Time between consecutive output tokens of a request (vLLM's time_per_output_token). */
    public Histogram timePerOutputToken() { return timePerOutputToken; }

    public Histogram e2eRequestLatency() { return e2eRequestLatency; }

    public long promptTokens() { return promptTokens.sum(); }

    public long generationTokens() { return generationTokens.sum(); }

    public long preemptions() { return preemptions.sum(); }

    public long finishedRequests(FinishReason reason) { return finishedRequests.get(reason).sum(); }

    public int numRunning() { return numRunning; }

    public int numWaiting() { return numWaiting; }

    /** Fraction of KV blocks in use, 0 to 1. */
    public double kvCacheUsage() { return kvCacheUsage; }

    public long prefixCacheQueries() { return prefixCacheQueries; }

    public long prefixCacheHits() { return prefixCacheHits; }
}
