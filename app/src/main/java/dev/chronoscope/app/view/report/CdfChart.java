package dev.chronoscope.app.view.report;

import dev.chronoscope.app.report.RunComparison;
import dev.chronoscope.app.runs.Distribution;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.util.StringConverter;

import java.math.BigDecimal;
import java.math.MathContext;

/** An empirical CDF of one latency metric, with a series per run. */
public final class CdfChart extends LineChart<Number, Number> {
    private static final int MAX_POINTS = 200;

    public CdfChart(String title, String unit) {
        super(new NumberAxis(), new NumberAxis(0, 1, 0.25));
        setTitle(title);
        getXAxis().setLabel(unit);
        getYAxis().setLabel("fraction of requests");
        setCreateSymbols(false);
        setAnimated(false);
        setLegendVisible(true);
        NumberAxis x = (NumberAxis) getXAxis();
        x.setMinorTickVisible(false);
        // Compact labels ("12.5k") so ticks of long-tailed latencies do not run into each other.
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override public String toString(Number n) {
                double v = n.doubleValue();
                return Math.abs(v) >= 1000 ? threeDigits(v / 1000) + "k" : threeDigits(v);
            }
            @Override public Number fromString(String s) { throw new UnsupportedOperationException(); }
        });
        setMinHeight(300);
        setPrefHeight(330);
    }

    private static String threeDigits(double v) {
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    public void show(String nameA, Distribution a, String nameB, Distribution b) {
        getData().clear();
        if (a != null) getData().add(series(nameA, a));
        if (b != null) getData().add(series(nameB, b));
    }

    private static XYChart.Series<Number, Number> series(String name, Distribution d) {
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        s.setName(name);
        for (double[] p : RunComparison.cdf(d.sorted(), MAX_POINTS)) s.getData().add(new XYChart.Data<>(p[0], p[1]));
        return s;
    }
}
