package dev.chronoscope.modeleditor.plot;

import javafx.scene.paint.Color;

/** One line of a plot's legend: a label and how its marks look. */
public record LegendEntry(String label, Color color, Style style) {
    public enum Style { POINT, CROSS, LINE, DASHED }
}
