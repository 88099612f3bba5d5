package dev.chronoscope.app.timeline;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws one frame of the timeline onto a viewport-sized canvas. Per lane, the spans overlapping the
 * visible range are found by binary search; spans at least {@link #MIN_WIDE_PX} wide are drawn one
 * by one (named when there is room), narrower ones are merged per pixel column (one rect per run
 * of same-coloured columns), and the rest of a column is skipped by another binary search. The cost
 * of a frame therefore grows with the pixels on screen, not with the number of events.
 */
public final class TimelineRenderer {
    public static final double GUTTER = 190;
    public static final double AXIS = 28;
    static final double MIN_WIDE_PX = 3;
    private static final int COLUMN_SAMPLES = 5;
    private static final Font LABEL_FONT = Font.font("System", 11);
    private static final Font HEADER_FONT = Font.font("System", javafx.scene.text.FontWeight.BOLD, 11);
    private static final double CHAR_PX = 6.2;
    private static final int BACKGROUND = 0xffffffff;
    private static final int ALT_ROW = 0xfff6f8fb;
    private static final int HEADER_ROW = 0xffe7ecf3;
    private static final Color HEADER_ROW_COLOR = Color.web("#e7ecf3");
    private static final int GRID_ARGB = 0xffe3e7ee;
    private static final int COLLECTIVE = 0xffd9731a;
    private static final int COLLECTIVE_WAIT = 0x55f28e2b;
    private static final Color TEXT_ON_SPAN = Color.web("#10161d");
    private static final Color GUTTER_BG = Color.web("#eef2f7");
    private static final Color GRID = Color.web("#e3e7ee");
    private static final Color TEXT = Color.web("#1f2933");
    private static final Color MUTED_TEXT = Color.web("#5b6675");
    private static final int[] PALETTE = palette();

    /** What to draw: everything a frame depends on, so the renderer keeps no state between frames. */
    public record Frame(TimelineData data, TimelineLayout layout, TimeViewport viewport, double scrollY,
                        int selectedId, boolean[] nameMatches, double dragFromX, double dragToX) {}

    /** Counts of what a frame drew, for the benchmark and tests. */
    public record Stats(int wideSpans, int mergedRuns, int collectives) {}

    private final PlotRaster raster = new PlotRaster();
    private int wide, merged, collectives;

    /** Per family: its colour, then a faded one for spans a search does not match. */
    private static int[] palette() {
        KernelFamily[] f = KernelFamily.values();
        int[] p = new int[f.length * 2];
        for (int i = 0; i < f.length; i++) {
            p[2 * i] = PlotRaster.argb(f[i].color());
            p[2 * i + 1] = PlotRaster.argb(f[i].color().interpolate(Color.WHITE, 0.8));
        }
        return p;
    }

    public Stats draw(GraphicsContext gc, double width, double height, Frame frame) {
        wide = merged = collectives = 0;
        double plotW = Math.max(1, Math.floor(width - GUTTER));
        double plotH = Math.max(1, Math.floor(height - AXIS));
        raster.reset((int) plotW, (int) plotH, BACKGROUND);
        Map<TimelineLayout.Lane, SpanColumn.Slice> slices = new HashMap<>();
        for (TimelineLayout.Lane lane : frame.layout().lanes()) {
            TimelineRow row = lane.isHeader() ? firstRowOf(frame, lane.rank()) : lane.row();
            if (row != null) slices.put(lane, row.spans().slice());
        }
        // Taken after the slices: every id a slice holds is below the table's size by now.
        byte[] families = frame.data().table().families();
        int[] nameIds = frame.data().table().nameIds();

        double nsPerPx = frame.viewport().nsPerPixel(plotW);
        List<Label> labels = new ArrayList<>();
        for (TimelineLayout.Lane lane : frame.layout().lanes()) {
            int y = (int) (lane.y() - frame.scrollY());
            int h = (int) lane.height();
            if (y + h < 0 || y > plotH) continue;
            if (lane.isHeader()) raster.fill(0, y, (int) plotW, y + h, HEADER_ROW);
            else if ((lane.row().index() & 1) == 1) raster.fill(0, y, (int) plotW, y + h, ALT_ROW);
        }
        drawGrid(frame.viewport(), plotW, plotH);
        for (TimelineLayout.Lane lane : frame.layout().lanes()) {
            int y = (int) (lane.y() - frame.scrollY());
            if (y + lane.height() < 0 || y > plotH) continue;
            SpanColumn.Slice s = slices.get(lane);
            if (s != null && (!lane.isHeader() || lane.collapsed())) {
                int pad = lane.isHeader() ? 4 : 3;
                drawSpans(s, families, nameIds, frame, y + pad, (int) lane.height() - 2 * pad, nsPerPx, plotW, labels);
            }
        }
        drawCollectives(frame, nsPerPx, plotW);
        gc.drawImage(raster.toImage(), GUTTER, AXIS);
        drawLabels(gc, frame.data().table(), labels);
        drawSelection(gc, frame, nsPerPx, plotW);
        drawDrag(gc, frame, height);
        drawGutter(gc, frame, height);
        drawAxis(gc, width, frame.viewport(), plotW);
        return new Stats(wide, merged, collectives);
    }

    /** A kernel name to write inside its span, in canvas coordinates. */
    private record Label(int id, double x, double y, double room, boolean dim) {}

    private static TimelineRow firstRowOf(Frame frame, int rank) {
        for (TimelineRow r : frame.data().rows()) {
            if (r.rank() == rank && r.kind() == TimelineRow.Kind.DEVICE_STREAM) return r;
        }
        return null;
    }

    private static int colorIndex(int id, byte[] families, int[] nameIds, boolean[] matches) {
        int c = families[id] * 2;
        if (matches != null) {
            int n = nameIds[id];
            if (n >= matches.length || !matches[n]) c++;
        }
        return c;
    }

    private void drawSpans(SpanColumn.Slice s, byte[] families, int[] nameIds, Frame frame, int y, int h,
                           double nsPerPx, double plotW, List<Label> labels) {
        double t0 = frame.viewport().start();
        long from = (long) Math.floor(t0);
        long to = (long) Math.ceil(frame.viewport().end());
        int i = s.firstEndingAfter(from);
        int stop = s.firstStartingAtOrAfter(i, to);
        int runColor = -1;
        int runX0 = 0, runX1 = 0;
        while (i < stop) {
            double x0 = (s.starts()[i] - t0) / nsPerPx;
            double x1 = (s.ends()[i] - t0) / nsPerPx;
            if (x1 <= 0) { i++; continue; }
            int color = colorIndex(s.ids()[i], families, nameIds, frame.nameMatches());
            if (x1 - x0 >= MIN_WIDE_PX) {
                if (runColor >= 0) { fillRun(runX0, runX1, runColor, y, h); runColor = -1; }
                int a = (int) Math.round(Math.max(0, x0)), b = (int) Math.round(Math.min(plotW, x1));
                raster.fill(a, y, Math.max(a + 1, b - 1), y + h, PALETTE[color]);
                wide++;
                if (b - a > 36) labels.add(new Label(s.ids()[i], GUTTER + a + 3, AXIS + y + h / 2.0, b - a - 6, (color & 1) == 1));
                i++;
                continue;
            }
            int px = (int) Math.floor(Math.max(0, x0));
            long columnEnd = (long) Math.ceil(t0 + (px + 1) * nsPerPx);
            int j = s.firstStartingAtOrAfter(i + 1, columnEnd);
            // Run key: colour and how much of the column is busy (0..COLUMN_SAMPLES samples hit).
            int key = sampleColumn(s, i, j, t0 + px * nsPerPx, nsPerPx, families, nameIds, frame.nameMatches(), color);
            if (key == runColor && px <= runX1) {
                runX1 = Math.max(runX1, px + 1);
            } else {
                if (runColor >= 0) fillRun(runX0, runX1, runColor, y, h);
                runColor = key;
                runX0 = px;
                runX1 = px + 1;
            }
            // The last span starting in this column may be long: draw it on its own next.
            i = (j - 1 > i && (s.ends()[j - 1] - t0) / nsPerPx > px + 1 + MIN_WIDE_PX) ? j - 1 : j;
        }
        if (runColor >= 0) fillRun(runX0, runX1, runColor, y, h);
    }

    /**
     * Samples a pixel column holding spans [from, to) at a few instants (binary searches, so the
     * cost does not grow with the number of spans merged) and returns a run key: the colour that
     * covers most samples × (COLUMN_SAMPLES + 1) + how many samples hit a span. A column of a few
     * short kernels is thus drawn low and a busy one full height, as in a density plot.
     */
    private final int[] votes = new int[KernelFamily.values().length * 2];

    private int sampleColumn(SpanColumn.Slice s, int from, int to, double columnStart, double nsPerPx, byte[] families,
                             int[] nameIds, boolean[] matches, int fallback) {
        java.util.Arrays.fill(votes, 0);
        int best = fallback, bestVotes = 0, hits = 0;
        for (int k = 0; k < COLUMN_SAMPLES; k++) {
            int at = s.openAt(from, to, (long) (columnStart + (k + 0.5) / COLUMN_SAMPLES * nsPerPx));
            if (at < 0) continue;
            hits++;
            int c = colorIndex(s.ids()[at], families, nameIds, matches);
            if (++votes[c] > bestVotes) {
                bestVotes = votes[c];
                best = c;
            }
        }
        return best * (COLUMN_SAMPLES + 1) + hits;
    }

    private void fillRun(int x0, int x1, int key, int y, int h) {
        int hits = key % (COLUMN_SAMPLES + 1);
        int barH = Math.max(2, h * hits / COLUMN_SAMPLES);
        raster.fill(x0, y + h - barH, x1, y + h, PALETTE[key / (COLUMN_SAMPLES + 1)]);
        merged++;
    }

    private static void drawLabels(GraphicsContext gc, SpanTable table, List<Label> labels) {
        gc.setFont(LABEL_FONT);
        gc.setTextBaseline(VPos.CENTER);
        gc.setTextAlign(TextAlignment.LEFT);
        for (Label l : labels) {
            int chars = (int) (l.room() / CHAR_PX);
            if (chars < 3) continue;
            String name = table.nameOf(l.id());
            if (name.length() > chars) name = name.substring(0, chars - 1) + "…";
            gc.setFill(l.dim() ? MUTED_TEXT : TEXT_ON_SPAN);
            gc.fillText(name, l.x(), l.y());
        }
    }

    private void drawCollectives(Frame frame, double nsPerPx, double plotW) {
        SpanColumn.Slice s = frame.data().collectiveSlice();
        if (s.size() == 0) return;
        double t0 = frame.viewport().start();
        int i = s.firstEndingAfter((long) Math.floor(t0));
        int stop = s.firstStartingAtOrAfter(i, (long) Math.ceil(frame.viewport().end()));
        Map<Integer, TimelineLayout.Lane> anchors = new HashMap<>();
        while (i < stop) {
            CollectiveSpan c = frame.data().collective(s.ids()[i]);
            double xs = (c.start() - t0) / nsPerPx, xe = (c.end() - t0) / nsPerPx;
            int yMin = Integer.MAX_VALUE, yMax = Integer.MIN_VALUE;
            for (int k = 0; k < c.ranks().length; k++) {
                TimelineLayout.Lane lane = anchors.computeIfAbsent(c.ranks()[k], frame.layout()::anchorOf);
                if (lane == null) continue;
                int y = (int) (lane.y() - frame.scrollY());
                double xa = (c.arrivals()[k] - t0) / nsPerPx;
                if (xs - xa >= 1) { // the time this rank waited for the others
                    raster.blend((int) Math.max(0, xa), y + 3, (int) Math.min(plotW, xs), y + (int) lane.height() - 3, COLLECTIVE_WAIT);
                }
                yMin = Math.min(yMin, y + (int) lane.height() / 2);
                yMax = Math.max(yMax, y + (int) lane.height() / 2);
            }
            if (yMax > yMin && xe - xs >= 1) { // zoomed out, connectors of every collective would paint over the lanes
                int x = (int) Math.round(xs);
                raster.fill(x, yMin, x + 2, yMax, COLLECTIVE);
                if (xe - xs >= MIN_WIDE_PX) raster.fill((int) Math.round(xe) - 1, yMin, (int) Math.round(xe) + 1, yMax, COLLECTIVE);
            }
            collectives++;
            // Several collectives in one pixel column show as one.
            int px = (int) Math.floor(Math.max(0, xs));
            long columnEnd = (long) Math.ceil(t0 + (px + 1) * nsPerPx);
            i = Math.max(i + 1, s.firstStartingAtOrAfter(i + 1, columnEnd));
        }
    }

    private void drawGrid(TimeViewport vp, double plotW, double plotH) {
        double step = TimeFormat.niceStep(vp.nsPerPixel(plotW) * 110);
        for (double t = Math.ceil(vp.start() / step) * step; t < vp.end(); t += step) {
            int x = (int) Math.round(vp.xOf(t, plotW));
            raster.fill(x, 0, x + 1, (int) plotH, GRID_ARGB);
        }
    }

    private static void drawSelection(GraphicsContext gc, Frame frame, double nsPerPx, double plotW) {
        int id = frame.selectedId();
        if (id < 0 || id >= frame.data().table().size()) return;
        SpanTable t = frame.data().table();
        TimelineRow row = frame.data().rows().get(t.rowOf(id));
        TimelineLayout.Lane lane = frame.layout().laneOfRow(row.index(), row.rank());
        if (lane == null) return;
        double x0 = (t.startOf(id) - frame.viewport().start()) / nsPerPx;
        double x1 = (t.endOf(id) - frame.viewport().start()) / nsPerPx;
        if (x1 < 0 || x0 > plotW) return;
        double y = AXIS + lane.y() - frame.scrollY();
        gc.setStroke(Color.web("#111827"));
        gc.setLineWidth(2);
        double a = Math.max(-2, x0), b = Math.min(plotW + 2, Math.max(x1, x0 + 2));
        gc.strokeRect(GUTTER + a - 1, y + 1, b - a + 2, lane.height() - 2);
    }

    private static void drawDrag(GraphicsContext gc, Frame frame, double height) {
        if (Double.isNaN(frame.dragFromX())) return;
        double a = Math.min(frame.dragFromX(), frame.dragToX()), b = Math.max(frame.dragFromX(), frame.dragToX());
        gc.setFill(Color.web("#3b82f6", 0.18));
        gc.fillRect(GUTTER + a, AXIS, b - a, height - AXIS);
        gc.setStroke(Color.web("#2563eb"));
        gc.setLineWidth(1);
        gc.strokeLine(GUTTER + a, AXIS, GUTTER + a, height);
        gc.strokeLine(GUTTER + b, AXIS, GUTTER + b, height);
    }

    private static void drawGutter(GraphicsContext gc, Frame frame, double height) {
        gc.setFill(GUTTER_BG);
        gc.fillRect(0, AXIS, GUTTER, height - AXIS);
        gc.setTextBaseline(VPos.CENTER);
        gc.setTextAlign(TextAlignment.LEFT);
        for (TimelineLayout.Lane lane : frame.layout().lanes()) {
            double y = AXIS + lane.y() - frame.scrollY();
            if (y + lane.height() < AXIS || y > height) continue;
            if (lane.isHeader()) {
                gc.setFill(HEADER_ROW_COLOR);
                gc.fillRect(0, y, GUTTER, lane.height());
                gc.setFill(TEXT);
                gc.setFont(HEADER_FONT);
                String device = frame.data().deviceType(lane.rank());
                gc.fillText((lane.collapsed() ? "▸ " : "▾ ") + "rank " + lane.rank() + (device.isEmpty() ? "" : " · " + device),
                        8, y + lane.height() / 2);
            } else {
                gc.setFill(lane.row().kind() == TimelineRow.Kind.HOST_LANE ? MUTED_TEXT : TEXT);
                gc.setFont(LABEL_FONT);
                gc.fillText(lane.row().name(), 24, y + lane.height() / 2);
            }
        }
        gc.setStroke(GRID.darker());
        gc.setLineWidth(1);
        gc.strokeLine(GUTTER - 0.5, AXIS, GUTTER - 0.5, height);
    }

    private static void drawAxis(GraphicsContext gc, double width, TimeViewport vp, double plotW) {
        gc.setFill(GUTTER_BG);
        gc.fillRect(0, 0, width, AXIS);
        double step = TimeFormat.niceStep(vp.nsPerPixel(plotW) * 110);
        gc.setFont(LABEL_FONT);
        gc.setTextBaseline(VPos.CENTER);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setStroke(MUTED_TEXT);
        gc.setLineWidth(1);
        for (double t = Math.ceil(vp.start() / step) * step; t < vp.end(); t += step) {
            double x = Math.round(GUTTER + vp.xOf(t, plotW)) + 0.5;
            gc.strokeLine(x, AXIS - 7, x, AXIS);
            gc.setFill(TEXT);
            gc.fillText(TimeFormat.tick(t, step), x + 3, AXIS / 2 - 1);
        }
        gc.setFill(GUTTER_BG);
        gc.fillRect(0, 0, GUTTER, AXIS);
        gc.setFill(MUTED_TEXT);
        gc.fillText("virtual time", 8, AXIS / 2 - 1);
        gc.setStroke(GRID.darker());
        gc.strokeLine(0, AXIS - 0.5, width, AXIS - 0.5);
    }
}
