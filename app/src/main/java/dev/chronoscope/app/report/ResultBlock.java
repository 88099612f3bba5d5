package dev.chronoscope.app.report;

import dev.chronoscope.app.runs.Distribution;
import dev.chronoscope.app.runs.RunMetrics;

import java.util.Locale;

/** The result block of vLLM's serving benchmark, for an emulated run. */
public final class ResultBlock {
    private ResultBlock() {}

    public static String format(RunMetrics m) {
        StringBuilder b = new StringBuilder();
        b.append(center(" Serving Benchmark Result ", '=')).append('\n');
        line(b, "Successful requests:", String.valueOf(m.completed()));
        line(b, "Benchmark duration (s):", num(m.durationSeconds()));
        line(b, "Total input tokens:", String.valueOf(m.totalInputTokens()));
        line(b, "Total generated tokens:", String.valueOf(m.totalOutputTokens()));
        line(b, "Request throughput (req/s):", num(m.requestThroughput()));
        line(b, "Output token throughput (tok/s):", num(m.outputThroughput()));
        line(b, "Total Token throughput (tok/s):", num(m.totalTokenThroughput()));
        section(b, "Time to First Token", "TTFT", m.ttftMs());
        section(b, "Time per Output Token (excl. 1st token)", "TPOT", m.tpotMs());
        section(b, "Inter-token Latency", "ITL", m.itlMs());
        section(b, "End-to-end Latency", "E2EL", m.e2eMs());
        b.append("=".repeat(50)).append('\n');
        return b.toString();
    }

    private static void section(StringBuilder b, String title, String abbrev, Distribution d) {
        b.append(center(title, '-')).append('\n');
        line(b, "Mean " + abbrev + " (ms):", num(d.mean()));
        line(b, "Median " + abbrev + " (ms):", num(d.median()));
        line(b, "P99 " + abbrev + " (ms):", num(d.percentile(99)));
    }

    private static String center(String title, char fill) {
        int pad = Math.max(0, 50 - title.length());
        return String.valueOf(fill).repeat(pad / 2) + title + String.valueOf(fill).repeat(pad - pad / 2);
    }

    private static void line(StringBuilder b, String label, String value) {
        // vLLM prints "{:<40} {:<10}".
        b.append(String.format(Locale.ROOT, "%-40s %-10s", label, value).stripTrailing()).append('\n');
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }
}
