package dev.chronoscope.engine.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns request outcomes into vLLM bench's figures (its calculate_metrics). */
public final class BenchmarkMetrics {
    public static final List<String> METRICS = List.of("ttft", "tpot", "itl", "e2el");

    private BenchmarkMetrics() {}

    public static BenchmarkResult compute(List<RequestOutcome> outcomes, double duration, GoodputSlo slo,
                                          double[] percentiles) {
        List<Double> ttfts = new ArrayList<>();
        List<Double> tpots = new ArrayList<>();
        List<Double> itls = new ArrayList<>();
        List<Double> e2els = new ArrayList<>();
        long input = 0;
        long output = 0;
        int completed = 0;
        int good = 0;
        for (RequestOutcome o : outcomes) {
            if (!o.success()) {
                continue;
            }
            completed++;
            input += o.promptLen();
            output += o.outputTokens();
            // vLLM: TPOT excludes the first token and is 0 for single-token outputs when judging goodput.
            double tpot = 0;
            if (o.outputTokens() > 1) {
                tpot = (o.latency() - o.ttft()) / (o.outputTokens() - 1);
                tpots.add(tpot);
            }
            ttfts.add(o.ttft());
            itls.addAll(o.itl());
            e2els.add(o.latency());
            if (slo != null && slo.met(o.ttft(), tpot, o.latency())) {
                good++;
            }
        }
        Map<String, LatencyStats> latencies = new LinkedHashMap<>();
        latencies.put("ttft", LatencyStats.ofSeconds(ttfts, percentiles));
        latencies.put("tpot", LatencyStats.ofSeconds(tpots, percentiles));
        latencies.put("itl", LatencyStats.ofSeconds(itls, percentiles));
        latencies.put("e2el", LatencyStats.ofSeconds(e2els, percentiles));
        return new BenchmarkResult(duration, completed, outcomes.size() - completed, input, output,
                completed / duration, slo == null ? null : good / duration, output / duration,
                (input + output) / duration, peakOutputPerSecond(outcomes), peakConcurrency(outcomes), latencies,
                outcomes);
    }

    /** The most tokens that arrived within one whole second of the benchmark. */
    private static double peakOutputPerSecond(List<RequestOutcome> outcomes) {
        Map<Long, Integer> perSecond = new TreeMap<>();
        for (RequestOutcome o : outcomes) {
            if (!o.success() || o.outputTokens() == 0) {
                continue;
            }
            double t = o.startSeconds() + o.ttft();
            perSecond.merge((long) Math.floor(t), 1, Integer::sum);
            for (double gap : o.itl()) {
                t += gap;
                perSecond.merge((long) Math.floor(t), 1, Integer::sum);
            }
        }
        return perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** The most requests in flight at once, from their start and end times. */
    private static int peakConcurrency(List<RequestOutcome> outcomes) {
        TreeMap<Double, Integer> deltas = new TreeMap<>();
        for (RequestOutcome o : outcomes) {
            if (o.success()) {
                deltas.merge(o.startSeconds(), 1, Integer::sum);
                deltas.merge(o.startSeconds() + o.latency(), -1, Integer::sum);
            }
        }
        int current = 0;
        int peak = 0;
        for (int d : deltas.values()) {
            current += d;
            peak = Math.max(peak, current);
        }
        return peak;
    }
}
