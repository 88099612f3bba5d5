package dev.chronoscope.app.view;

import dev.chronoscope.app.runs.RequestState;
import dev.chronoscope.app.runs.RequestTrack;
import dev.chronoscope.app.runs.RunModel;
import dev.chronoscope.app.timeline.PlotRaster;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

import java.util.List;

/**
 * One lane per request, coloured by where it is: waiting, prefill, decode or preempted. Shows
 * continuous batching at work: queueing builds up, prefills interleave with decodes, and
 * preemptions send requests back. When there are more requests than pixel rows, the latest ones.
 */
public final class RequestsView extends LiveCanvas {
    static final Color[] STATE_COLORS = {
            Color.web("#c4cad3"), Color.web("#4e79a7"), Color.web("#59a14f"), Color.web("#e15759"), Color.TRANSPARENT};
    private static final double LEFT = 90, TOP = 44, BOTTOM = 34, RIGHT = 16;
    private final RunModel model;
    private final PlotRaster raster = new PlotRaster();

    public RequestsView(RunModel model) {
        super(model::version);
        this.model = model;
        setId("requests-view");
    }

    @Override
    protected void draw(GraphicsContext gc, double width, double height) {
        gc.setFill(Color.WHITE);
        gc.fillRect(0, 0, width, height);
        Axes.title(gc, "Requests over virtual time", 12, 16);
        Axes.legend(gc, 260, 16, new String[]{"waiting", "prefill", "decode", "preempted"},
                new Color[]{STATE_COLORS[0], STATE_COLORS[1], STATE_COLORS[2], STATE_COLORS[3]});
        List<RequestTrack> tracks = model.requests().snapshot();
        double plotW = Math.floor(width - LEFT - RIGHT), plotH = Math.floor(height - TOP - BOTTOM);
        if (tracks.isEmpty() || plotW < 10 || plotH < 10) {
            gc.setFill(Axes.MUTED);
            gc.fillText("No requests yet.", LEFT, TOP + 20);
            return;
        }
        double t1 = Math.max(1, model.virtualTime());
        int shown = (int) Math.min(tracks.size(), plotH);
        int first = tracks.size() - shown;
        double laneH = Math.min(16, plotH / shown);
        raster.reset((int) plotW, (int) plotH, 0xffffffff);
        for (int k = 0; k < shown; k++) {
            RequestTrack r = tracks.get(first + k);
            int y0 = (int) (k * laneH), y1 = (int) Math.max(y0 + 1, (k + 1) * laneH - (laneH >= 4 ? 1 : 0));
            for (int i = 0; i < r.states().length; i++) {
                RequestState s = r.states()[i];
                if (s == RequestState.FINISHED) break;
                long from = r.times()[i];
                long to = i + 1 < r.times().length ? r.times()[i + 1] : model.virtualTime();
                int x0 = (int) (from / t1 * plotW), x1 = (int) Math.max(x0 + 1, to / t1 * plotW);
                raster.fill(x0, y0, x1, y1, PlotRaster.argb(STATE_COLORS[s.ordinal()]));
            }
        }
        gc.drawImage(raster.toImage(), LEFT, TOP);
        gc.setFont(Axes.FONT);
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.setTextBaseline(VPos.CENTER);
        gc.setFill(Axes.TEXT);
        int every = (int) Math.ceil(14 / laneH);
        for (int k = 0; k < shown; k += every) {
            gc.fillText(tracks.get(first + k).id(), LEFT - 6, TOP + k * laneH + laneH / 2);
        }
        Axes.time(gc, LEFT, TOP + plotH + 2, plotW, 0, t1);
        if (first > 0) {
            gc.setTextAlign(TextAlignment.RIGHT);
            gc.setFill(Axes.MUTED);
            gc.fillText("latest " + shown + " of " + tracks.size() + " requests", width - RIGHT, 16);
        }
    }
}
