package dev.chronoscope.modeleditor.plot;

import java.util.ArrayList;
import java.util.List;

/** A free-hand closed polygon in pixels; points inside it by the even-odd rule. */
public final class Lasso {
    private final List<double[]> vertices = new ArrayList<>();

    public void add(double x, double y) { vertices.add(new double[]{x, y}); }

    public int size() { return vertices.size(); }

    public List<double[]> vertices() { return List.copyOf(vertices); }

    public boolean contains(double x, double y) {
        boolean inside = false;
        for (int i = 0, j = vertices.size() - 1; i < vertices.size(); j = i++) {
            double[] a = vertices.get(i), b = vertices.get(j);
            if ((a[1] > y) != (b[1] > y) && x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0]) inside = !inside;
        }
        return inside;
    }
}
