package dev.chronoscope.app.timeline;

import java.util.Locale;

/** Virtual-time formatting and "nice" tick steps for axes. */
public final class TimeFormat {
    private TimeFormat() {}

    /** A duration or instant in nanoseconds with a unit that keeps 3–4 significant digits. */
    public static String format(double ns) {
        double a = Math.abs(ns);
        if (a >= 1e9) return String.format(Locale.ROOT, "%.3f s", ns / 1e9);
        if (a >= 1e6) return String.format(Locale.ROOT, "%.3f ms", ns / 1e6);
        if (a >= 1e3) return String.format(Locale.ROOT, "%.2f µs", ns / 1e3);
        return String.format(Locale.ROOT, "%.0f ns", ns);
    }

    /** An instant precise to the nanosecond's thousand: "18.886912 s", "412.250 µs". */
    public static String instant(double ns) {
        if (Math.abs(ns) >= 1e9) return String.format(Locale.ROOT, "%.6f s", ns / 1e9);
        if (Math.abs(ns) >= 1e6) return String.format(Locale.ROOT, "%.3f ms", ns / 1e6);
        return format(ns);
    }

    /**
     * Tick label for an axis whose ticks are {@code step} ns apart: the unit suits the value, the
     * decimals suit the step ("11.3950 s" for ticks 0.5 ms apart late in a run).
     */
    public static String tick(double ns, double step) {
        if (Math.abs(ns) < step * 1e-6) ns = 0;
        double a = Math.max(Math.abs(ns), step);
        String unit;
        double div;
        if (a >= 1e9) { unit = "s"; div = 1e9; }
        else if (a >= 1e6) { unit = "ms"; div = 1e6; }
        else if (a >= 1e3) { unit = "µs"; div = 1e3; }
        else { unit = "ns"; div = 1; }
        double stepInUnit = step / div;
        int decimals = stepInUnit >= 1 ? 0 : (int) Math.ceil(-Math.log10(stepInUnit) - 1e-9);
        return String.format(Locale.ROOT, "%." + decimals + "f %s", ns / div, unit);
    }

    /** The smallest 1, 2 or 5 × 10^k at least {@code raw}. */
    public static double niceStep(double raw) {
        if (raw <= 0) return 1;
        double pow = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / pow;
        double nice = m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10;
        return nice * pow;
    }
}
