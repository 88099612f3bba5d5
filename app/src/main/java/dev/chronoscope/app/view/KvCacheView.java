package dev.chronoscope.app.view;

import dev.chronoscope.app.runs.KvBlockMap;
import dev.chronoscope.app.runs.RunModel;
import dev.chronoscope.app.runs.StepLog;
import dev.chronoscope.app.timeline.PlotRaster;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;


/**
 * The KV cache over virtual time: a block map (x = time, y = block id, colour = the request that
 * holds the block, gold = a prefix-cache block shared by several requests), and below it the batch
 * composition of each engine step (prefill vs decode tokens).
 */
public final class KvCacheView extends LiveCanvas {
    static final Color SHARED = Color.web("#f1b82d");
    static final Color PREFILL = Color.web("#4e79a7");
    static final Color DECODE = Color.web("#59a14f");
    private static final double LEFT = 90, RIGHT = 16;
    private final RunModel model;
    private final PlotRaster blocks = new PlotRaster();
    private final PlotRaster batches = new PlotRaster();

    public KvCacheView(RunModel model) {
        super(model::version);
        this.model = model;
        setId("kv-view");
    }

    @Override
    protected void draw(GraphicsContext gc, double width, double height) {
        gc.setFill(Color.WHITE);
        gc.fillRect(0, 0, width, height);
        double plotW = Math.floor(width - LEFT - RIGHT);
        double mapTop = 44, mapH = Math.floor((height - 44) * 0.62 - 34);
        double batchTop = mapTop + mapH + 78, batchH = Math.floor(height - batchTop - 34);
        double t1 = Math.max(1, model.virtualTime());
        Axes.title(gc, "KV cache blocks over virtual time", 12, 16);
        if (hasBlockMap()) {
            Axes.legend(gc, 300, 16, new String[]{"block held by a request (one colour per request)", "prefix-cache block shared by requests"},
                    new Color[]{Color.hsb(200, 0.55, 0.8), SHARED});
        } else {
            Axes.legend(gc, 300, 16, new String[]{"share of the KV cache's blocks in use"}, new Color[]{Color.hsb(200, 0.55, 0.8)});
        }
        if (plotW < 10 || mapH < 10 || batchH < 10) return;
        drawBlockMap(gc, plotW, mapTop, mapH, t1);
        Axes.time(gc, LEFT, mapTop + mapH + 2, plotW, 0, t1);
        Axes.title(gc, "Batch composition per engine step (tokens; mean per pixel column)", 12, batchTop - 28);
        Axes.legend(gc, 560, batchTop - 28, new String[]{"prefill tokens", "decode tokens"}, new Color[]{PREFILL, DECODE});
        drawBatches(gc, plotW, batchTop, batchH, t1);
        Axes.time(gc, LEFT, batchTop + batchH + 2, plotW, 0, t1);
    }

    private void drawBlockMap(GraphicsContext gc, double plotW, double top, double h, double t1) {
        if (!hasBlockMap()) {
            drawBlocksInUse(gc, plotW, top, h, t1);
            return;
        }
        int numBlocks = Math.max(1, model.kv().maxBlockId() + 1);
        int w = (int) plotW, hh = (int) h;
        blocks.reset(w, hh, 0xfff6f8fb);
        KvBlockMap map = KvBlockMap.sample(model.kv().snapshot(), 0, (long) Math.ceil(t1), w, hh, numBlocks);
        int shared = PlotRaster.argb(SHARED);
        for (int band = 0; band < map.bands(); band++) {
            int y0 = hh - (int) ((long) (band + 1) * hh / map.bands()), y1 = hh - (int) ((long) band * hh / map.bands());
            for (int px = 0; px < w; px++) {
                int cell = map.cell(px, band);
                if (cell == KvBlockMap.FREE) continue;
                // Runs of equal cells along x become one fill.
                int end = px + 1;
                while (end < w && map.cell(end, band) == cell) end++;
                blocks.fill(px, y0, end, y1, cell == KvBlockMap.SHARED ? shared : requestColor(cell));
                px = end - 1;
            }
        }
        gc.drawImage(blocks.toImage(), LEFT, top);
        gc.setFont(Axes.FONT);
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.setTextBaseline(VPos.CENTER);
        gc.setFill(Axes.TEXT);
        gc.fillText("block 0", LEFT - 6, top + h - 6);
        gc.fillText("block " + (numBlocks - 1), LEFT - 6, top + 6);
        StepLog.Step last = model.steps().last();
        if (last != null) {
            gc.setFill(Axes.MUTED);
            gc.fillText(String.format(java.util.Locale.ROOT, "blocks 0–%d of %d shown (the highest used); now: %d blocks used, %d free (%.1f %%)",
                    numBlocks - 1, last.kvUsed() + last.kvFree(), last.kvUsed(), last.kvFree(), 100 * last.kvUsage()), LEFT + plotW, top - 10);
        }
    }

    /** Whether the stream says which request holds which block (kv_blocks events), or only per-step totals. */
    private boolean hasBlockMap() {
        return model.kv().maxBlockId() >= 0 || model.steps().last() == null;
    }

    /**
     * For a stream without per-request block events (one recorded before the interposer agent sent
     * kv_blocks, or from an engine that reports only totals): the blocks in use after each step, as
     * a share of the cache, under the last step at or before each pixel column.
     */
    private void drawBlocksInUse(GraphicsContext gc, double plotW, double top, double h, double t1) {
        StepLog.Steps s = model.steps().snapshot();
        int w = (int) plotW, hh = (int) h;
        blocks.reset(w, hh, 0xfff6f8fb);
        int fill = PlotRaster.argb(Color.hsb(200, 0.55, 0.8));
        int i = -1;
        for (int px = 0; px < w; px++) {
            double t = (px + 1) / plotW * t1;
            while (i + 1 < s.size() && s.times()[i + 1] <= t) i++;
            if (i < 0) continue;
            int total = s.kvUsed()[i] + s.kvFree()[i];
            int y = total == 0 ? 0 : (int) Math.round((double) s.kvUsed()[i] / total * hh);
            if (y > 0) blocks.fill(px, hh - y, px + 1, hh, fill);
        }
        gc.drawImage(blocks.toImage(), LEFT, top);
        gc.setFont(Axes.FONT);
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.setTextBaseline(VPos.CENTER);
        gc.setFill(Axes.TEXT);
        gc.fillText("100 %", LEFT - 6, top + 6);
        gc.fillText("0 %", LEFT - 6, top + h - 6);
        StepLog.Step last = model.steps().last();
        gc.setFill(Axes.MUTED);
        gc.fillText(String.format(java.util.Locale.ROOT, "blocks in use after each engine step (the stream has no per-request block map);"
                + " now: %d used, %d free (%.1f %%)", last.kvUsed(), last.kvFree(), 100 * last.kvUsage()), LEFT + plotW, top - 10);
    }

    /**
     * Prefill and decode tokens per step as two bar rows with their own scales: a step's prefill
     * chunk is often a hundred times its decode tokens, and one shared scale would hide the decodes.
     */
    private void drawBatches(GraphicsContext gc, double plotW, double top, double h, double t1) {
        StepLog.Steps s = model.steps().snapshot();
        int w = (int) plotW, hh = (int) h, half = (hh - 8) / 2;
        batches.reset(w, hh, 0xffffffff);
        long[] prefillSum = new long[w], decodeSum = new long[w];
        int[] count = new int[w];
        for (int i = 0; i < s.size(); i++) {
            int px = (int) Math.min(w - 1, s.times()[i] / t1 * plotW);
            prefillSum[px] += s.prefillTokens()[i];
            decodeSum[px] += s.decodeTokens()[i];
            count[px]++;
        }
        int lastColumn = -1;
        for (int px = 0; px < w; px++) if (count[px] > 0) lastColumn = px;
        double maxPrefill = 1, maxDecode = 1;
        for (int px = 0; px < w; px++) {
            if (count[px] == 0) {
                // A step lasts until the next one: a column between two steps shows the earlier one.
                if (px > 0 && count[px - 1] > 0 && px < lastColumn) {
                    prefillSum[px] = prefillSum[px - 1] / count[px - 1];
                    decodeSum[px] = decodeSum[px - 1] / count[px - 1];
                    count[px] = 1;
                }
                continue;
            }
            maxPrefill = Math.max(maxPrefill, (double) prefillSum[px] / count[px]);
            maxDecode = Math.max(maxDecode, (double) decodeSum[px] / count[px]);
        }
        int p = PlotRaster.argb(PREFILL), d = PlotRaster.argb(DECODE);
        batches.fill(0, half + 3, w, half + 4, PlotRaster.argb(Axes.GRID));
        for (int px = 0; px < w; px++) {
            if (count[px] == 0) continue;
            int yp = (int) Math.round(prefillSum[px] / (double) count[px] / maxPrefill * half);
            int yd = (int) Math.round(decodeSum[px] / (double) count[px] / maxDecode * half);
            batches.fill(px, half - yp, px + 1, half, p);
            batches.fill(px, hh - yd, px + 1, hh, d);
        }
        gc.drawImage(batches.toImage(), LEFT, top);
        gc.setFont(Axes.FONT);
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.setTextBaseline(VPos.CENTER);
        gc.setFill(Axes.TEXT);
        gc.fillText(Math.round(maxPrefill) + " prefill", LEFT - 6, top + 6);
        gc.fillText(Math.round(maxDecode) + " decode", LEFT - 6, top + hh - half + 6);
        gc.setFill(Axes.MUTED);
        gc.fillText("0", LEFT - 6, top + half - 4);
        gc.fillText("0", LEFT - 6, top + hh - 4);
    }

    /** The k-th request's colour: golden-ratio hue steps keep requests that arrived together apart; no gold-like hue. */
    private static int requestColor(int k) {
        double hue = (k * 0.618033988749895 + 0.55) % 1 * 360;
        if (hue > 28 && hue < 68) hue += 40;
        return PlotRaster.argb(Color.hsb(hue, 0.42, 0.82));
    }
}
