package dev.chronoscope.modeleditor.plot;

import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A scatter plot on a Canvas the size of the region: samples as points, model curves over them,
 * guides behind, selected points ringed on top. Click picks the nearest point, a drag draws a lasso,
 * Shift adds to the selection; the chosen ids go to {@link #setOnSelect}. Changes are coalesced
 * into one redraw per pulse.
 */
public final class XYPlot extends Region {
    private static final double LEFT = 66, RIGHT = 14, TOP = 28, BOTTOM = 40, PICK_RADIUS = 7;
    private static final Color INCLUDED = Color.web("#1f6fb4", 0.7), EXCLUDED = Color.web("#8a8a8a"), SELECTED = Color.web("#ff7f0e"),
            GRID = Color.web("#e6e6e6"), AXIS = Color.web("#555555"), BAND = Color.web("#2ca02c", 0.12), GUIDE = Color.web("#2ca02c");

    private final Canvas canvas = new Canvas();
    private final StringProperty title = new SimpleStringProperty("");
    private final StringProperty xLabel = new SimpleStringProperty("");
    private final StringProperty yLabel = new SimpleStringProperty("");
    private final BooleanProperty logX = new SimpleBooleanProperty();
    private final BooleanProperty logY = new SimpleBooleanProperty();
    private final ObjectProperty<PlotData> data = new SimpleObjectProperty<>(PlotData.EMPTY);
    private final ObjectProperty<Set<Long>> selected = new SimpleObjectProperty<>(Set.of());
    private BiConsumer<List<Long>, Boolean> onSelect = (ids, additive) -> {};
    private boolean redrawPending;
    private Lasso lasso;
    private double pressX, pressY;
    private Scale xs, ys;
    private double[] px = new double[0], py = new double[0];

    public XYPlot() {
        getChildren().add(canvas);
        getStyleClass().add("xy-plot");
        setMinSize(160, 120);
        setPrefSize(480, 320);
        for (var p : List.of(title, xLabel, yLabel, logX, logY, data, selected)) p.addListener(o -> requestRedraw());
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
    }

    public StringProperty titleProperty() { return title; }

    public StringProperty xLabelProperty() { return xLabel; }

    public StringProperty yLabelProperty() { return yLabel; }

    public BooleanProperty logXProperty() { return logX; }

    public BooleanProperty logYProperty() { return logY; }

    public ObjectProperty<PlotData> dataProperty() { return data; }

    public ObjectProperty<Set<Long>> selectedProperty() { return selected; }

    /** Receives the ids a click or lasso chose and whether they add to the selection (Shift). */
    public void setOnSelect(BiConsumer<List<Long>, Boolean> onSelect) { this.onSelect = onSelect; }

    @Override protected void layoutChildren() {
        double w = snapSizeX(getWidth()), h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            draw();
        }
    }

    private void requestRedraw() {
        if (redrawPending) return;
        redrawPending = true;
        Platform.runLater(() -> {
            redrawPending = false;
            draw();
        });
    }

    /** Ids of the points inside a lasso given in canvas pixels (what a drag would select). */
    public List<Long> idsInside(Lasso l) {
        List<Long> out = new ArrayList<>();
        PlotData d = data.get();
        for (int i = 0; i < d.size(); i++) if (!Double.isNaN(px[i]) && !Double.isNaN(py[i]) && l.contains(px[i], py[i])) out.add(d.ids()[i]);
        return out;
    }

    /** The canvas position of point {@code i} of the data, as last drawn. */
    public double[] pointPosition(int i) { return new double[]{px[i], py[i]}; }

    private void pressed(MouseEvent e) {
        pressX = e.getX();
        pressY = e.getY();
        lasso = new Lasso();
        lasso.add(pressX, pressY);
    }

    private void dragged(MouseEvent e) {
        if (lasso == null) return;
        lasso.add(e.getX(), e.getY());
        draw();
    }

    private void released(MouseEvent e) {
        Lasso l = lasso;
        lasso = null;
        if (l == null) return;
        if (Math.hypot(e.getX() - pressX, e.getY() - pressY) < 4 && l.size() < 6) {
            int nearest = nearest(e.getX(), e.getY());
            onSelect.accept(nearest < 0 ? List.of() : List.of(data.get().ids()[nearest]), e.isShiftDown());
        } else {
            onSelect.accept(idsInside(l), e.isShiftDown());
        }
        draw();
    }

    private int nearest(double x, double y) {
        int best = -1;
        double bestDistance = PICK_RADIUS;
        for (int i = 0; i < px.length; i++) {
            double d = Math.hypot(px[i] - x, py[i] - y);
            if (d <= bestDistance) { bestDistance = d; best = i; }
        }
        return best;
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth(), h = canvas.getHeight();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        if (w < LEFT + RIGHT + 10 || h < TOP + BOTTOM + 10) return;
        PlotData d = data.get();
        double[] allY = concat(d.y(), d.curves().stream().map(Curve::y).toList());
        double[] allX = concat(d.x(), d.curves().stream().map(Curve::x).toList());
        xs = Scale.fit(allX, logX.get(), LEFT, w - RIGHT);
        ys = Scale.fit(allY, logY.get(), h - BOTTOM, TOP);
        drawAxes(g, w, h);
        g.save();
        g.beginPath();
        g.rect(LEFT, TOP, w - LEFT - RIGHT, h - TOP - BOTTOM);
        g.clip();
        d.guides().forEach(guide -> drawGuide(g, guide, w));
        drawPoints(g, d);
        d.curves().forEach(c -> drawCurve(g, c));
        drawSelection(g, d);
        g.restore();
        drawLegend(g, d, w);
        if (lasso != null && lasso.size() > 1) {
            g.setStroke(SELECTED);
            g.setLineDashes(4, 3);
            g.beginPath();
            List<double[]> v = lasso.vertices();
            g.moveTo(v.getFirst()[0], v.getFirst()[1]);
            for (double[] p : v) g.lineTo(p[0], p[1]);
            g.closePath();
            g.stroke();
            g.setLineDashes();
        }
    }

    private void drawAxes(GraphicsContext g, double w, double h) {
        g.setFont(Font.font(11));
        g.setLineWidth(1);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        for (double t : xs.ticks()) {
            double x = Math.round(xs.toPixel(t)) + 0.5;
            g.setStroke(GRID);
            g.strokeLine(x, TOP, x, h - BOTTOM);
            g.setFill(AXIS);
            g.fillText(Scale.format(t), x, h - BOTTOM + 4);
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (double t : ys.ticks()) {
            double y = Math.round(ys.toPixel(t)) + 0.5;
            g.setStroke(GRID);
            g.strokeLine(LEFT, y, w - RIGHT, y);
            g.setFill(AXIS);
            g.fillText(Scale.format(t), LEFT - 5, y);
        }
        g.setStroke(AXIS);
        g.strokeRect(LEFT + 0.5, TOP + 0.5, w - LEFT - RIGHT - 1, h - TOP - BOTTOM - 1);
        g.setFill(Color.web("#222222"));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(xLabel.get() + (logX.get() ? " (log)" : ""), LEFT + (w - LEFT - RIGHT) / 2, h - 4);
        g.save();
        g.translate(14, TOP + (h - TOP - BOTTOM) / 2);
        g.rotate(-90);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(yLabel.get() + (logY.get() ? " (log)" : ""), 0, 0);
        g.restore();
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        g.setFont(Font.font(null, javafx.scene.text.FontWeight.BOLD, 12));
        g.fillText(title.get(), LEFT, TOP / 2);
    }

    private void drawGuide(GraphicsContext g, Guide guide, double w) {
        switch (guide) {
            case Guide.Diagonal dg -> {
                int steps = 64;
                double[] bx = new double[2 * steps + 2], by = new double[2 * steps + 2];
                double lo = Math.max(xs.min(), ys.min()), hi = Math.min(xs.max(), ys.max());
                if (!(hi > lo)) { lo = xs.min(); hi = xs.max(); }
                for (int i = 0; i <= steps; i++) {
                    double v = interpolate(lo, hi, i / (double) steps, xs.log());
                    bx[i] = xs.toPixel(v);
                    by[i] = ys.toPixel(v * (1 + dg.fraction()));
                    bx[2 * steps + 1 - i] = xs.toPixel(v);
                    by[2 * steps + 1 - i] = ys.toPixel(v * (1 - dg.fraction()));
                }
                g.setFill(BAND);
                g.fillPolygon(bx, by, bx.length);
                g.setStroke(GUIDE);
                g.setLineWidth(1.2);
                g.strokeLine(xs.toPixel(lo), ys.toPixel(lo), xs.toPixel(hi), ys.toPixel(hi));
            }
            case Guide.Horizontal hz -> {
                double top = ys.toPixel(hz.high()), bottom = ys.toPixel(hz.low());
                g.setFill(BAND);
                g.fillRect(LEFT, Math.min(top, bottom), w - LEFT - RIGHT, Math.abs(bottom - top));
                g.setStroke(GUIDE);
                g.setLineWidth(1.2);
                double y = ys.toPixel(hz.at());
                g.strokeLine(LEFT, y, w - RIGHT, y);
            }
        }
    }

    private static double interpolate(double lo, double hi, double f, boolean log) {
        return log ? Math.pow(10, Math.log10(lo) + f * (Math.log10(hi) - Math.log10(lo))) : lo + f * (hi - lo);
    }

    private void drawCurve(GraphicsContext g, Curve c) {
        g.setStroke(c.color());
        g.setLineWidth(1.6);
        if (c.dashed()) g.setLineDashes(6, 4);
        boolean drawing = false;
        g.beginPath();
        for (int i = 0; i < c.x().length; i++) {
            double x = xs.toPixel(c.x()[i]), y = ys.toPixel(c.y()[i]);
            if (Double.isNaN(x) || Double.isNaN(y)) { drawing = false; continue; }
            if (drawing) g.lineTo(x, y); else g.moveTo(x, y);
            drawing = true;
        }
        g.stroke();
        g.setLineDashes();
    }

    private void drawPoints(GraphicsContext g, PlotData d) {
        px = new double[d.size()];
        py = new double[d.size()];
        g.setLineWidth(1.2);
        for (int i = 0; i < d.size(); i++) {
            double x = xs.toPixel(d.x()[i]), y = ys.toPixel(d.y()[i]);
            px[i] = x;
            py[i] = y;
            if (Double.isNaN(x) || Double.isNaN(y)) continue;
            if (d.excluded()[i]) {
                g.setStroke(EXCLUDED);
                g.strokeLine(x - 3, y - 3, x + 3, y + 3);
                g.strokeLine(x - 3, y + 3, x + 3, y - 3);
            } else {
                g.setFill(INCLUDED);
                g.fillOval(x - 2.5, y - 2.5, 5, 5);
            }
        }
    }

    /** Rings on top of everything, so brushed points stay visible under the curves. */
    private void drawSelection(GraphicsContext g, PlotData d) {
        Set<Long> sel = selected.get();
        if (sel.isEmpty()) return;
        g.setStroke(SELECTED);
        g.setLineWidth(2);
        for (int i = 0; i < d.size(); i++) {
            if (!sel.contains(d.ids()[i]) || Double.isNaN(px[i]) || Double.isNaN(py[i])) continue;
            g.strokeOval(px[i] - 5, py[i] - 5, 10, 10);
        }
    }

    private void drawLegend(GraphicsContext g, PlotData d, double w) {
        if (d.legend().isEmpty()) return;
        g.setFont(Font.font(11));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        double x = w - RIGHT - 8;
        for (LegendEntry e : d.legend().reversed()) {
            double textWidth = 6.2 * e.label().length();
            x -= textWidth + 22;
            double y = TOP / 2;
            g.setStroke(e.color());
            g.setFill(e.color());
            g.setLineWidth(1.6);
            switch (e.style()) {
                case POINT -> g.fillOval(x + 4, y - 2.5, 5, 5);
                case CROSS -> { g.strokeLine(x + 3, y - 3, x + 9, y + 3); g.strokeLine(x + 3, y + 3, x + 9, y - 3); }
                case LINE -> g.strokeLine(x, y, x + 14, y);
                case DASHED -> { g.setLineDashes(4, 3); g.strokeLine(x, y, x + 14, y); g.setLineDashes(); }
            }
            g.setFill(Color.web("#333333"));
            g.fillText(e.label(), x + 18, y);
        }
    }

    private static double[] concat(double[] first, List<double[]> rest) {
        int n = first.length;
        for (double[] r : rest) n += r.length;
        double[] out = new double[n];
        System.arraycopy(first, 0, out, 0, first.length);
        int at = first.length;
        for (double[] r : rest) { System.arraycopy(r, 0, out, at, r.length); at += r.length; }
        return out;
    }
}
