package dev.chronoscope.modeleditor.plot;

import java.util.List;

/**
 * What one plot shows: one point per sample (id, x, y, whether it is left out of fits), the
 * curves drawn beneath, the reference guides, and the legend naming what is drawn.
 */
public record PlotData(long[] ids, double[] x, double[] y, boolean[] excluded, List<Curve> curves, List<Guide> guides, List<LegendEntry> legend) {
    public static final PlotData EMPTY = new PlotData(new long[0], new double[0], new double[0], new boolean[0], List.of(), List.of(), List.of());

    public PlotData {
        if (ids.length != x.length || x.length != y.length || y.length != excluded.length) {
            throw new IllegalArgumentException("plot data: ids, x, y and excluded must have one entry per point");
        }
        curves = List.copyOf(curves);
        guides = List.copyOf(guides);
        legend = List.copyOf(legend);
    }

    public int size() { return ids.length; }
}
