package dev.chronoscope.app.view;

import dev.chronoscope.app.timeline.TimeFormat;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/** Axis and legend drawing shared by the canvas views. */
final class Axes {
    static final Font FONT = Font.font("System", 11);
    static final Color TEXT = Color.web("#1f2933");
    static final Color MUTED = Color.web("#5b6675");
    static final Color GRID = Color.web("#d5dbe3");

    private Axes() {}

    /** A virtual-time axis along y = {@code y} from x0 to x0 + width for times [t0, t1] ns. */
    static void time(GraphicsContext gc, double x0, double y, double width, double t0, double t1) {
        double step = TimeFormat.niceStep((t1 - t0) / Math.max(1, width) * 110);
        gc.setFont(FONT);
        gc.setTextBaseline(VPos.TOP);
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setStroke(GRID);
        gc.setLineWidth(1);
        gc.strokeLine(x0, y + 0.5, x0 + width, y + 0.5);
        for (double t = Math.ceil(t0 / step) * step; t <= t1; t += step) {
            double x = Math.round(x0 + (t - t0) / (t1 - t0) * width) + 0.5;
            gc.strokeLine(x, y, x, y + 5);
            gc.setFill(TEXT);
            gc.fillText(TimeFormat.tick(t, step), x, y + 7);
        }
    }

    /** Coloured swatches with labels in a row starting at (x, y); returns the x after the last. */
    static double legend(GraphicsContext gc, double x, double y, String[] labels, Color[] colors) {
        gc.setFont(FONT);
        gc.setTextBaseline(VPos.CENTER);
        gc.setTextAlign(TextAlignment.LEFT);
        for (int i = 0; i < labels.length; i++) {
            gc.setFill(colors[i]);
            gc.fillRect(x, y - 6, 12, 12);
            gc.setFill(TEXT);
            gc.fillText(labels[i], x + 17, y);
            x += 17 + labels[i].length() * 6.3 + 18;
        }
        return x;
    }

    static void title(GraphicsContext gc, String text, double x, double y) {
        gc.setFont(Font.font("System", javafx.scene.text.FontWeight.BOLD, 13));
        gc.setTextBaseline(VPos.CENTER);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setFill(TEXT);
        gc.fillText(text, x, y);
    }
}
