package dev.chronoscope.app.report;

/** One line of a two-run comparison; {@code lowerIsBetter} tells how to colour the change. */
public record MetricDiff(String metric, double a, double b, boolean lowerIsBetter) {

    /** Relative change from a to b in percent; NaN when a is 0 or missing. */
    public double changePercent() {
        return a == 0 || Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : (b - a) / Math.abs(a) * 100;
    }

    /** True when b is better than a by more than 0.5 %. */
    public boolean improved() {
        double c = changePercent();
        return !Double.isNaN(c) && (lowerIsBetter ? c < -0.5 : c > 0.5);
    }

    /** True when b is worse than a by more than 0.5 %. */
    public boolean regressed() {
        double c = changePercent();
        return !Double.isNaN(c) && (lowerIsBetter ? c > 0.5 : c < -0.5);
    }
}
