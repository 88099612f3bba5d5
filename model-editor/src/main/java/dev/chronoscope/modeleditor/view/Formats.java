package dev.chronoscope.modeleditor.view;

import java.util.Locale;

/** How the editor writes numbers: "—" for what is unknown, percentages with one decimal. */
final class Formats {
    private Formats() {}

    static String percent(double v) { return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.1f %%", v); }

    static String r2(double v) { return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.4f", v); }

    static String micros(double nanos) { return Double.isNaN(nanos) ? "—" : String.format(Locale.ROOT, "%.2f", nanos / 1000); }

    /** A coefficient: plain where readable, scientific where tiny or huge. */
    static String number(double v) {
        if (Double.isNaN(v)) return "—";
        double a = Math.abs(v);
        if (a == 0) return "0";
        if (v == Math.rint(v) && a < 1e12) return Long.toString((long) v);
        if (a >= 1e-3 && a < 1e7) return String.format(Locale.ROOT, "%.6g", v);
        return String.format(Locale.ROOT, "%.4e", v);
    }

    static String change(double before, double after) {
        if (Double.isNaN(before) || Double.isNaN(after)) return "";
        double d = after - before;
        if (d == 0) return "=";
        return (d > 0 ? "+" : "") + number(d);
    }
}
