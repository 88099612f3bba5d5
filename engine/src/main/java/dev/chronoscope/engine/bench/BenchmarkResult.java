package dev.chronoscope.engine.bench;

import java.util.List;
import java.util.Map;

/**
 * A benchmark's figures with vLLM bench's meaning. {@code latencies} maps "ttft", "tpot", "itl", "e2el" to
 * their statistics in ms; {@code requestGoodput} is null without SLOs.
 */
public record BenchmarkResult(double duration, int completed, int failed, long totalInputTokens,
                              long totalOutputTokens, double requestThroughput, Double requestGoodput,
                              double outputThroughput, double totalTokenThroughput, double maxOutputTokensPerSecond,
                              int maxConcurrentRequests, Map<String, LatencyStats> latencies,
                              List<RequestOutcome> outcomes) {}
