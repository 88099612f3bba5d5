package dev.chronoscope.modeleditor.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps data values on one axis to pixels, linearly or logarithmically, and chooses readable ticks.
 * On a log scale values ≤ 0 have no position ({@link #toPixel} returns NaN).
 */
public record Scale(double min, double max, boolean log, double fromPixel, double toPixel) {

    /** A scale over the finite (and, for log, positive) values, padded by 4 % of the span. */
    public static Scale fit(double[] values, boolean log, double fromPixel, double toPixel) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isFinite(v) || (log && v <= 0)) continue;
            double t = log ? Math.log10(v) : v;
            lo = Math.min(lo, t);
            hi = Math.max(hi, t);
        }
        if (lo > hi) { lo = 0; hi = 1; }
        if (hi - lo < 1e-12) { double c = lo; lo = c - (log ? 0.5 : Math.max(1, Math.abs(c) * 0.1)); hi = c + (log ? 0.5 : Math.max(1, Math.abs(c) * 0.1)); }
        double pad = (hi - lo) * 0.04;
        lo -= pad;
        hi += pad;
        return log ? new Scale(Math.pow(10, lo), Math.pow(10, hi), true, fromPixel, toPixel) : new Scale(lo, hi, false, fromPixel, toPixel);
    }

    public double toPixel(double v) {
        if (log) {
            if (!(v > 0)) return Double.NaN;
            return fromPixel + (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) * (toPixel - fromPixel);
        }
        return fromPixel + (v - min) / (max - min) * (toPixel - fromPixel);
    }

    /** Ticks inside the range: 1-2-5 steps on a linear scale, powers of ten (and 2, 5 when few) on a log one. */
    public List<Double> ticks() {
        List<Double> out = new ArrayList<>();
        if (log) {
            int from = (int) Math.floor(Math.log10(min)), to = (int) Math.ceil(Math.log10(max));
            boolean dense = to - from <= 3;
            for (int e = from; e <= to; e++) {
                for (double m : dense ? new double[]{1, 2, 5} : new double[]{1}) {
                    double v = m * Math.pow(10, e);
                    if (v >= min && v <= max) out.add(v);
                }
            }
            return out;
        }
        double raw = (max - min) / 6, mag = Math.pow(10, Math.floor(Math.log10(raw))), step;
        double f = raw / mag;
        step = (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
        for (double v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) out.add(Math.abs(v) < step * 1e-9 ? 0 : v);
        return out;
    }

    /** A short label: 1.5k, 20M, 0.25, 3e-7. */
    public static String format(double v) {
        double a = Math.abs(v);
        if (a == 0) return "0";
        if (a >= 1e12) return trim(v / 1e12) + "T";
        if (a >= 1e9) return trim(v / 1e9) + "G";
        if (a >= 1e6) return trim(v / 1e6) + "M";
        if (a >= 1e3) return trim(v / 1e3) + "k";
        if (a >= 0.01) return trim(v);
        return String.format(java.util.Locale.ROOT, "%.0e", v);
    }

    private static String trim(double v) {
        String s = String.format(java.util.Locale.ROOT, "%.2f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
