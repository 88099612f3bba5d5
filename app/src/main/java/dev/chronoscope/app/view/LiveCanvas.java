package dev.chronoscope.app.view;

import dev.chronoscope.app.fx.FxNodes;
import javafx.animation.AnimationTimer;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;

import java.util.function.LongSupplier;

/**
 * A canvas that fills its region and redraws when the data's version or its size changed, at most
 * every {@link #MIN_INTERVAL_NANOS}: teaching views draw whole runs, so they need not run at 60 Hz.
 */
public abstract class LiveCanvas extends Region {
    private static final long MIN_INTERVAL_NANOS = 100_000_000;
    private final Canvas canvas = new Canvas();
    private final LongSupplier version;
    private long drawnVersion = -1;
    private long lastDraw;
    private boolean resized = true;

    protected LiveCanvas(LongSupplier version) {
        this.version = version;
        getChildren().add(canvas);
        setMinSize(100, 80);
        AnimationTimer timer = new AnimationTimer() {
            @Override public void handle(long now) { tick(now); }
        };
        sceneProperty().addListener((o, was, is) -> {
            if (is != null) timer.start(); else timer.stop();
        });
    }

    private void tick(long now) {
        if (!FxNodes.isTreeVisible(this)) return; // a tab in the background draws when it is shown again
        long v = version.getAsLong();
        if (!resized && (v == drawnVersion || now - lastDraw < MIN_INTERVAL_NANOS)) return;
        redraw();
        lastDraw = now;
    }

    /** Draws now. */
    public final void redraw() {
        drawnVersion = version.getAsLong();
        resized = false;
        if (canvas.getWidth() >= 1 && canvas.getHeight() >= 1) {
            draw(canvas.getGraphicsContext2D(), canvas.getWidth(), canvas.getHeight());
        }
    }

    protected abstract void draw(GraphicsContext gc, double width, double height);

    @Override
    protected void layoutChildren() {
        canvas.setWidth(Math.max(1, Math.floor(getWidth())));
        canvas.setHeight(Math.max(1, Math.floor(getHeight())));
        resized = true;
    }
}
