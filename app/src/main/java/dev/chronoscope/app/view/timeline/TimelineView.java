package dev.chronoscope.app.view.timeline;

import dev.chronoscope.app.timeline.SpanColumn;
import dev.chronoscope.app.timeline.SpanDescriber;
import dev.chronoscope.app.timeline.TimelineLayout;
import dev.chronoscope.app.timeline.TimelineRenderer;
import dev.chronoscope.app.timeline.TimelineRow;
import dev.chronoscope.app.fx.FxNodes;
import dev.chronoscope.app.viewmodel.TimelineViewModel;
import javafx.animation.AnimationTimer;
import javafx.beans.Observable;
import javafx.geometry.Orientation;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;

/**
 * The Gantt chart: a canvas the size of the viewport, redrawn at most once per pulse and only when
 * the data or the view changed. Mouse: wheel zooms at the pointer, shift+wheel scrolls lanes,
 * left-drag selects a range to zoom into, right- or middle-drag pans, click selects, a click on a
 * rank header collapses it. Keys: W/S zoom, A/D or arrows pan, F fits, Esc clears the selection.
 */
public final class TimelineView extends Region {
    private static final double DRAG_THRESHOLD_PX = 4;
    private final TimelineViewModel vm;
    private final Canvas canvas = new Canvas();
    private final ScrollBar vbar = new ScrollBar();
    private final Label tooltip = new Label();
    private final TimelineRenderer renderer = new TimelineRenderer();
    private final AnimationTimer pulse;
    private boolean dirty = true;
    private long drawnVersion = -1;
    private TimelineLayout layout;
    private double dragFrom = Double.NaN, dragTo = Double.NaN, panFromX = Double.NaN;
    private TimelineRenderer.Stats lastStats;

    public TimelineView(TimelineViewModel vm) {
        this.vm = vm;
        getStyleClass().add("timeline-view");
        vbar.setOrientation(Orientation.VERTICAL);
        tooltip.getStyleClass().add("timeline-tooltip");
        tooltip.setManaged(false);
        tooltip.setVisible(false);
        tooltip.setMouseTransparent(true);
        getChildren().addAll(canvas, vbar, tooltip);
        setFocusTraversable(true);
        setMinSize(200, 120);

        vbar.valueProperty().bindBidirectional(vm.scrollYProperty());
        for (Observable o : new Observable[]{vm.viewportProperty(), vm.scrollYProperty(), vm.collapsedRanks(),
                vm.selectionProperty(), vm.nameMatchesProperty()}) {
            o.addListener(x -> dirty = true);
        }
        vm.collapsedRanks().addListener((javafx.collections.SetChangeListener<Integer>) c -> layout = null);

        canvas.addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::onReleased);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::onMoved);
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> tooltip.setVisible(false));
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);

        pulse = new AnimationTimer() {
            @Override public void handle(long now) { onPulse(); }
        };
        sceneProperty().addListener((o, was, is) -> {
            if (is != null) pulse.start(); else pulse.stop();
        });
    }

    /** What the last frame drew (for tests and diagnostics). */
    public TimelineRenderer.Stats lastStats() { return lastStats; }

    /** Draws now if anything changed; normally called by the pulse. */
    public void onPulse() {
        if (!FxNodes.isTreeVisible(this)) return; // a background tab redraws when it is shown again
        long v = vm.data().version();
        if (v != drawnVersion) {
            vm.refresh();
            layout = null;
        }
        if (!dirty && v == drawnVersion) return;
        drawnVersion = v;
        dirty = false;
        draw();
    }

    private TimelineLayout lanes() {
        if (layout == null) {
            layout = vm.layout();
            updateScrollBar();
        }
        return layout;
    }

    private double plotWidth() { return Math.max(1, canvas.getWidth() - TimelineRenderer.GUTTER); }

    private void draw() {
        if (canvas.getWidth() < 1 || canvas.getHeight() < 1) return;
        lastStats = renderer.draw(canvas.getGraphicsContext2D(), canvas.getWidth(), canvas.getHeight(),
                new TimelineRenderer.Frame(vm.data(), lanes(), vm.viewport(), vm.scrollYProperty().get(),
                        vm.selectionProperty().get() == null ? -1 : vm.selectionProperty().get().id(),
                        vm.nameMatchesProperty().get(), dragFrom, dragTo));
    }

    private void updateScrollBar() {
        double visible = Math.max(1, canvas.getHeight() - TimelineRenderer.AXIS);
        double max = Math.max(0, layout.totalHeight() - visible);
        vbar.setMax(max);
        vbar.setVisibleAmount(max == 0 ? 1 : visible * max / layout.totalHeight());
        vbar.setDisable(max == 0);
        if (vm.scrollYProperty().get() > max) vm.scrollYProperty().set(max);
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth(), h = getHeight();
        double bw = vbar.prefWidth(-1);
        vbar.resizeRelocate(w - bw, TimelineRenderer.AXIS, bw, Math.max(0, h - TimelineRenderer.AXIS));
        // The canvas is exactly the viewport: never as large as the whole timeline.
        canvas.setWidth(Math.max(1, Math.floor(w - bw)));
        canvas.setHeight(Math.max(1, Math.floor(h)));
        layout = null;
        dirty = true;
    }

    private void onScroll(ScrollEvent e) {
        if (e.isShiftDown()) {
            double d = e.getDeltaY() != 0 ? e.getDeltaY() : e.getDeltaX();
            vm.scrollYProperty().set(Math.clamp(vm.scrollYProperty().get() - d, 0, vbar.getMax()));
        } else if (Math.abs(e.getDeltaX()) > Math.abs(e.getDeltaY())) {
            vm.pan(-e.getDeltaX() * vm.viewport().nsPerPixel(plotWidth()));
        } else if (e.getDeltaY() != 0) {
            double anchor = vm.viewport().timeAt(Math.max(0, e.getX() - TimelineRenderer.GUTTER), plotWidth());
            vm.zoom(Math.pow(1.2, e.getDeltaY() / 40.0), anchor);
        }
        e.consume();
    }

    private void onPressed(MouseEvent e) {
        requestFocus();
        if (e.getButton() == MouseButton.PRIMARY) {
            if (e.getX() < TimelineRenderer.GUTTER) {
                TimelineLayout.Lane lane = laneAt(e.getY());
                if (lane != null && lane.isHeader()) vm.toggleRank(lane.rank());
                return;
            }
            dragFrom = dragTo = e.getX() - TimelineRenderer.GUTTER;
        } else {
            panFromX = e.getX();
        }
    }

    private void onDragged(MouseEvent e) {
        if (!Double.isNaN(panFromX)) {
            vm.pan(-(e.getX() - panFromX) * vm.viewport().nsPerPixel(plotWidth()));
            panFromX = e.getX();
        } else if (!Double.isNaN(dragFrom)) {
            dragTo = Math.clamp(e.getX() - TimelineRenderer.GUTTER, 0, plotWidth());
            dirty = true;
        }
    }

    private void onReleased(MouseEvent e) {
        if (!Double.isNaN(panFromX)) {
            panFromX = Double.NaN;
            return;
        }
        if (Double.isNaN(dragFrom)) return;
        double from = dragFrom, to = dragTo;
        dragFrom = dragTo = Double.NaN;
        dirty = true;
        if (Math.abs(to - from) >= DRAG_THRESHOLD_PX) {
            vm.zoomTo(vm.viewport().timeAt(from, plotWidth()), vm.viewport().timeAt(to, plotWidth()));
        } else {
            int id = spanAt(e.getX(), e.getY());
            if (id >= 0) vm.select(id); else vm.clearSelection();
        }
    }

    private void onMoved(MouseEvent e) {
        int id = spanAt(e.getX(), e.getY());
        if (id < 0) {
            tooltip.setVisible(false);
            return;
        }
        tooltip.setText(SpanDescriber.tooltip(vm.table().details(id, vm.data().rows())));
        tooltip.autosize();
        double x = e.getX() + 14, y = e.getY() + 16;
        if (x + tooltip.getWidth() > getWidth()) x = e.getX() - tooltip.getWidth() - 8;
        if (y + tooltip.getHeight() > getHeight()) y = Math.max(0, e.getY() - tooltip.getHeight() - 8);
        tooltip.relocate(x, y);
        tooltip.setVisible(true);
    }

    private void onKey(KeyEvent e) {
        double pan = vm.viewport().span() * 0.15;
        switch (e.getCode()) {
            case W, PLUS, EQUALS, ADD -> vm.zoomAtCentre(1.5);
            case S, MINUS, SUBTRACT -> vm.zoomAtCentre(1 / 1.5);
            case A, LEFT -> vm.pan(-pan);
            case D, RIGHT -> vm.pan(pan);
            case F, DIGIT0 -> vm.fit();
            case ESCAPE -> vm.clearSelection();
            default -> { return; }
        }
        e.consume();
    }

    private TimelineLayout.Lane laneAt(double y) {
        if (y < TimelineRenderer.AXIS) return null;
        return lanes().laneAt(y - TimelineRenderer.AXIS + vm.scrollYProperty().get());
    }

    /** The span under (x, y) in canvas coordinates, within a few pixels; -1 if none. */
    public int spanAt(double x, double y) {
        if (x < TimelineRenderer.GUTTER) return -1;
        TimelineLayout.Lane lane = laneAt(y);
        if (lane == null) return -1;
        TimelineRow row = lane.row();
        if (row == null) {
            if (!lane.collapsed()) return -1;
            row = vm.data().rows().stream().filter(r -> r.rank() == lane.rank() && r.kind() == TimelineRow.Kind.DEVICE_STREAM)
                    .findFirst().orElse(null);
            if (row == null) return -1;
        }
        SpanColumn.Slice s = row.spans().slice();
        double px = x - TimelineRenderer.GUTTER;
        double t = vm.viewport().timeAt(px, plotWidth());
        int i = s.spanAt((long) t);
        if (i >= 0) return s.ids()[i];
        double slack = 3 * vm.viewport().nsPerPixel(plotWidth());
        for (double d : new double[]{-slack, slack}) {
            i = s.spanAt((long) (t + d));
            if (i >= 0) return s.ids()[i];
        }
        return -1;
    }
}
