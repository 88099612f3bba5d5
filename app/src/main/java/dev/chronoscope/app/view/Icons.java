package dev.chronoscope.app.view;

import javafx.scene.paint.Color;
import javafx.scene.shape.SVGPath;

/** Toolbar icons as SVG paths on a 16×16 grid (the masters are these paths; no bitmaps to keep in step). */
public final class Icons {
    public static final String LAUNCH = "M4 2 L14 8 L4 14 Z";
    public static final String PAUSE = "M3 2 H7 V14 H3 Z M9 2 H13 V14 H9 Z";
    public static final String RESUME = "M3 2 H5 V14 H3 Z M7 2 L15 8 L7 14 Z";
    public static final String STEP = "M2 2 L10 8 L2 14 Z M11 2 H14 V14 H11 Z";
    public static final String STOP = "M3 3 H13 V13 H3 Z";

    private Icons() {}

    public static SVGPath of(String path, Color color) {
        SVGPath p = new SVGPath();
        p.setContent(path);
        p.setFill(color);
        return p;
    }
}
