package dev.chronoscope.app.timeline;

/**
 * The visible time range [start, end) in virtual nanoseconds and the operations on it. Pure
 * arithmetic: the view converts pixels to times; never narrower than {@link #MIN_SPAN} ns.
 */
public record TimeViewport(double start, double end) {
    public static final double MIN_SPAN = 100;

    public TimeViewport {
        if (!(end - start >= MIN_SPAN)) {
            double mid = (start + end) / 2;
            start = mid - MIN_SPAN / 2;
            end = mid + MIN_SPAN / 2;
        }
    }

    public double span() { return end - start; }

    /** Zooms by {@code factor} (&gt;1 zooms in) keeping {@code anchor} (a time) where it is on screen. */
    public TimeViewport zoom(double factor, double anchor) {
        double newSpan = span() / factor;
        double f = (anchor - start) / span();
        double s = anchor - f * newSpan;
        return new TimeViewport(s, s + newSpan);
    }

    /** Moves by {@code deltaNs}; positive shows later times. */
    public TimeViewport pan(double deltaNs) {
        return new TimeViewport(start + deltaNs, end + deltaNs);
    }

    /** The whole of [from, to] with a small margin each side. */
    public static TimeViewport fit(long from, long to) {
        double margin = Math.max(MIN_SPAN, (to - from) * 0.02);
        return new TimeViewport(from - margin, to + margin);
    }

    public double nsPerPixel(double widthPx) { return span() / Math.max(1, widthPx); }

    public double timeAt(double x, double widthPx) { return start + x * nsPerPixel(widthPx); }

    public double xOf(double t, double widthPx) { return (t - start) / nsPerPixel(widthPx); }
}
