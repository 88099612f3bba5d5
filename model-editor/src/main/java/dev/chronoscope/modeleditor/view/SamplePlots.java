package dev.chronoscope.modeleditor.view;

import dev.chronoscope.modeleditor.plot.Curve;
import dev.chronoscope.modeleditor.plot.Guide;
import dev.chronoscope.modeleditor.plot.LegendEntry;
import dev.chronoscope.modeleditor.plot.PlotData;
import dev.chronoscope.modeleditor.viewmodel.Evaluation;
import dev.chronoscope.modeleditor.viewmodel.SampleRow;
import javafx.scene.paint.Color;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the samples and their evaluation into what the three plots draw (durations in µs). The fit
 * is drawn as one curve per launch shape: samples that differ only along the swept feature (the
 * token count, the message size) share a curve, so each model shape reads as a line.
 */
final class SamplePlots {
    static final Color FIT = Color.web("#d62728"), COMPARE = Color.web("#2ca02c");
    static final double BAND = 0.10;

    private SamplePlots() {}

    static PlotData fit(List<SampleRow> rows, Evaluation e, String xFeature, String fitLabel, String compareLabel) {
        int n = rows.size();
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rows.get(i).feature(xFeature);
            y[i] = rows.get(i).nanos() / 1000;
        }
        List<Curve> curves = new ArrayList<>();
        List<LegendEntry> legend = new ArrayList<>(List.of(new LegendEntry("included", Color.web("#1f6fb4"), LegendEntry.Style.POINT),
                new LegendEntry("excluded", Color.web("#8a8a8a"), LegendEntry.Style.CROSS)));
        if (e.predicted().length == n && n > 0) {
            curves.addAll(curves(rows, x, e.predicted(), xFeature, FIT, false));
            legend.add(new LegendEntry(fitLabel, FIT, LegendEntry.Style.LINE));
        }
        if (e.comparePredicted() != null && e.comparePredicted().length == n) {
            curves.addAll(curves(rows, x, e.comparePredicted(), xFeature, COMPARE, true));
            legend.add(new LegendEntry(compareLabel, COMPARE, LegendEntry.Style.DASHED));
        }
        return new PlotData(ids(rows), x, y, excluded(rows), curves, List.of(), legend);
    }

    static PlotData parity(List<SampleRow> rows, Evaluation e) {
        int n = rows.size();
        if (e.predicted().length != n) return PlotData.EMPTY;
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rows.get(i).nanos() / 1000;
            y[i] = e.predicted()[i] / 1000;
        }
        return new PlotData(ids(rows), x, y, excluded(rows), List.of(), List.of(new Guide.Diagonal(BAND)),
                List.of(new LegendEntry("±10 %", Color.web("#2ca02c"), LegendEntry.Style.LINE)));
    }

    static PlotData residuals(List<SampleRow> rows, Evaluation e, String xFeature) {
        int n = rows.size();
        if (e.predicted().length != n) return PlotData.EMPTY;
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rows.get(i).feature(xFeature);
            y[i] = 100 * (e.predicted()[i] - rows.get(i).nanos()) / rows.get(i).nanos();
        }
        return new PlotData(ids(rows), x, y, excluded(rows), List.of(), List.of(new Guide.Horizontal(0, -100 * BAND, 100 * BAND)),
                List.of(new LegendEntry("±10 %", Color.web("#2ca02c"), LegendEntry.Style.LINE)));
    }

    private static List<Curve> curves(List<SampleRow> rows, double[] x, double[] predicted, String xFeature, Color color, boolean dashed) {
        String sweep = mostVaried(rows);
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            if (Double.isNaN(x[i])) continue;
            groups.computeIfAbsent(shapeKey(rows.get(i), xFeature, sweep), k -> new ArrayList<>()).add(i);
        }
        List<Curve> out = new ArrayList<>();
        for (List<Integer> g : groups.values()) {
            g.sort(Comparator.comparingDouble(i -> x[i]));
            double[] cx = new double[g.size()], cy = new double[g.size()];
            for (int j = 0; j < g.size(); j++) {
                cx[j] = x[g.get(j)];
                cy[j] = predicted[g.get(j)] / 1000;
            }
            out.add(new Curve(cx, cy, color, dashed));
        }
        return out;
    }

    /** The raw feature with the most distinct values: what the profile swept. */
    private static String mostVaried(List<SampleRow> rows) {
        Map<String, Set<Double>> distinct = new LinkedHashMap<>();
        for (SampleRow r : rows) for (int i = 0; i < r.raw().size(); i++) distinct.computeIfAbsent(r.raw().name(i), k -> new HashSet<>()).add(r.raw().value(i));
        return distinct.entrySet().stream().max(Comparator.comparingInt(en -> en.getValue().size())).map(Map.Entry::getKey).orElse("");
    }

    private static String shapeKey(SampleRow r, String xFeature, String sweep) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < r.raw().size(); i++) {
            String name = r.raw().name(i);
            if (name.equals(xFeature) || name.equals(sweep)) continue;
            sb.append(name).append('=').append(r.raw().value(i)).append(';');
        }
        return sb.toString();
    }

    private static long[] ids(List<SampleRow> rows) { return rows.stream().mapToLong(SampleRow::id).toArray(); }

    private static boolean[] excluded(List<SampleRow> rows) {
        boolean[] b = new boolean[rows.size()];
        for (int i = 0; i < b.length; i++) b[i] = rows.get(i).excluded();
        return b;
    }
}
