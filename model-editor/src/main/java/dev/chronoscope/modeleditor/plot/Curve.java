package dev.chronoscope.modeleditor.plot;

import javafx.scene.paint.Color;

/** A polyline over data coordinates (a model's prediction along the x axis), drawn under the points. */
public record Curve(double[] x, double[] y, Color color, boolean dashed) {
    public Curve {
        if (x.length != y.length) throw new IllegalArgumentException("curve: " + x.length + " x values but " + y.length + " y values");
    }
}
