package dev.chronoscope.engine.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** Prints vLLM bench serve's result block, label for label, so outputs can be compared line by line. */
public final class ResultPrinter {
    private static final Map<String, String[]> HEADERS = Map.of(
            "ttft", new String[]{"Time to First Token", "TTFT"},
            "tpot", new String[]{"Time per Output Token (excl. 1st token)", "TPOT"},
            "itl", new String[]{"Inter-token Latency", "ITL"},
            "e2el", new String[]{"End-to-end Latency", "E2EL"});

    private final PrintStream out;

    public ResultPrinter(PrintStream out) {
        this.out = out;
    }

    /**
     * @param maxConcurrency printed when set
     * @param requestRate    printed when finite
     * @param metrics        which of ttft, tpot, itl, e2el get a section
     */
    public void print(BenchmarkResult r, Integer maxConcurrency, double requestRate, Iterable<String> metrics) {
        out.println(centered(" Serving Benchmark Result ", '='));
        row("Successful requests:", Integer.toString(r.completed()));
        row("Failed requests:", Integer.toString(r.failed()));
        if (maxConcurrency != null) {
            row("Maximum request concurrency:", Integer.toString(maxConcurrency));
        }
        if (!Double.isInfinite(requestRate)) {
            row("Request rate configured (RPS):", fixed(requestRate));
        }
        row("Benchmark duration (s):", fixed(r.duration()));
        row("Total input tokens:", Long.toString(r.totalInputTokens()));
        row("Total generated tokens:", Long.toString(r.totalOutputTokens()));
        row("Request throughput (req/s):", fixed(r.requestThroughput()));
        if (r.requestGoodput() != null) {
            row("Request goodput (req/s):", fixed(r.requestGoodput()));
        }
        row("Output token throughput (tok/s):", fixed(r.outputThroughput()));
        row("Peak output token throughput (tok/s):", fixed(r.maxOutputTokensPerSecond()));
        row("Peak concurrent requests:", fixed(r.maxConcurrentRequests()));
        row("Total Token throughput (tok/s):", fixed(r.totalTokenThroughput()));
        for (String metric : metrics) {
            String[] header = HEADERS.get(metric);
            LatencyStats stats = r.latencies().get(metric);
            out.println(centered(header[0], '-'));
            row("Mean " + header[1] + " (ms):", fixed(stats.mean()));
            row("Median " + header[1] + " (ms):", fixed(stats.median()));
            stats.percentiles().forEach((p, v) -> row("P" + percentileWord(p) + " " + header[1] + " (ms):", fixed(v)));
        }
        out.println("=".repeat(50));
    }

    static String percentileWord(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p);
    }

    /** Python's "{:<40} {:<10}". */
    private void row(String label, String value) {
        out.println(String.format(Locale.ROOT, "%-40s %-10s", label, value));
    }

    private static String fixed(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** Python's "{s:{c}^{n}}" with n = 50: centred, the extra fill char going to the right. */
    private static String centered(String s, char fill) {
        int total = Math.max(0, 50 - s.length());
        int left = total / 2;
        return String.valueOf(fill).repeat(left) + s + String.valueOf(fill).repeat(total - left);
    }
}
