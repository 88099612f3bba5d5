package dev.chronoscope.app.bench;

import dev.chronoscope.app.runs.RunModel;
import dev.chronoscope.app.runs.Scenario;
import dev.chronoscope.app.runs.demo.StepGate;
import dev.chronoscope.app.runs.demo.SyntheticRun;
import dev.chronoscope.app.timeline.TimeViewport;
import dev.chronoscope.app.timeline.TimelineData;
import dev.chronoscope.app.timeline.TimelineLayout;
import dev.chronoscope.app.timeline.TimelineRenderer;
import javafx.application.Platform;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Frame-time benchmark of the timeline (docs/workbench.md): loads about a million kernel events
 * (DEMO feed) into a RunModel, then renders zoom and pan frames on a 1600×1000-sized canvas and
 * reports, per kind of frame, the time to issue the drawing and the time until the software
 * pipeline has rasterised it (a snapshot). Run with the command in docs/workbench.md.
 */
public final class TimelineRenderBench {
    private static final int WIDTH = 1600, HEIGHT = 900;

    public static void main(String[] args) throws Exception {
        long kernels = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        Scenario sc = new Scenario("llama-3-8b", "h100-sxm", 4, 1, 256, 8192, 16, 0.9, true, true,
                "splitwise-conv", 20.0, 1.0, 100_000, 7, "modeled", 1);
        RunModel model = new RunModel();
        long t = System.nanoTime();
        new SyntheticRun(sc, kernels).run(model, StepGate.FREE_RUNNING);
        double loadS = (System.nanoTime() - t) / 1e9;
        TimelineData data = model.timeline();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf(Locale.ROOT, "events: %d kernels+memcpy+waits in %d rows, %d collectives; loaded in %.1f s; heap after GC %.0f MiB%n",
                data.table().size(), data.rows().size(), data.collectiveSlice().size(), loadS, heap / 1048576.0);

        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get();
        CompletableFuture<String> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(run(data));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        System.out.print(result.get());
        System.gc();
        System.out.printf(Locale.ROOT, "heap after frames and GC: %.0f MiB (max heap %d MiB)%n",
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576);
        Platform.exit();
    }

    private static String run(TimelineData data) {
        Canvas canvas = new Canvas(WIDTH, HEIGHT);
        TimelineRenderer renderer = new TimelineRenderer();
        TimelineLayout layout = TimelineLayout.of(data.rows(), Set.of());
        TimeViewport all = TimeViewport.fit(data.startTime(), data.endTime());
        double plotW = WIDTH - TimelineRenderer.GUTTER;
        StringBuilder out = new StringBuilder();
        WritableImage image = new WritableImage(WIDTH, HEIGHT);
        SnapshotParameters params = new SnapshotParameters();
        for (int warm = 0; warm < 20; warm++) frame(canvas, renderer, layout, data, all.zoom(1 + warm * 0.1, all.start()), image, params);

        List<long[]> empty = new ArrayList<>();
        TimelineData none = new TimelineData();
        TimelineLayout noLayout = TimelineLayout.of(List.of(), Set.of());
        for (int f = 0; f < 30; f++) empty.add(frame(canvas, renderer, noLayout, none, all.pan(f), image, params));
        out.append(summary("empty (snapshot cost)", empty));
        List<String> kinds = List.of("fit (all events)", "zoom steps in", "pan at 1/100 zoom", "pan at 1/10000 zoom");
        for (String kind : kinds) {
            List<long[]> samples = new ArrayList<>();
            TimeViewport vp = all;
            for (int f = 0; f < 60; f++) {
                switch (kind) {
                    case "fit (all events)" -> vp = all.pan(f * all.span() / 6000);
                    case "zoom steps in" -> vp = all.zoom(Math.pow(1.25, f), all.start() + all.span() * 0.37);
                    case "pan at 1/100 zoom" -> vp = all.zoom(100, all.start() + all.span() * 0.5).pan(f * all.span() / 100 / 30);
                    default -> vp = all.zoom(10_000, all.start() + all.span() * 0.5).pan(f * all.span() / 10_000 / 30);
                }
                samples.add(frame(canvas, renderer, layout, data, vp, image, params));
                if (plotW <= 0) break;
            }
            out.append(summary(kind, samples));
        }
        return out.toString();
    }

    /** Returns {draw ns, draw+rasterise ns, rects}. */
    private static long[] frame(Canvas canvas, TimelineRenderer renderer, TimelineLayout layout, TimelineData data,
                                TimeViewport vp, WritableImage image, SnapshotParameters params) {
        long t0 = System.nanoTime();
        TimelineRenderer.Stats stats = renderer.draw(canvas.getGraphicsContext2D(), WIDTH, HEIGHT,
                new TimelineRenderer.Frame(data, layout, vp, 0, -1, null, Double.NaN, Double.NaN));
        long t1 = System.nanoTime();
        canvas.snapshot(params, image);
        long t2 = System.nanoTime();
        return new long[]{t1 - t0, t2 - t0, stats.wideSpans() + stats.mergedRuns()};
    }

    private static String summary(String kind, List<long[]> samples) {
        double[] draw = samples.stream().mapToDouble(s -> s[0] / 1e6).sorted().toArray();
        double[] total = samples.stream().mapToDouble(s -> s[1] / 1e6).sorted().toArray();
        double rects = samples.stream().mapToLong(s -> s[2]).average().orElse(0);
        return String.format(Locale.ROOT, "%-22s frames %3d  draw median %6.2f ms p95 %6.2f ms | draw+rasterise median %6.2f ms p95 %6.2f ms max %6.2f ms | rects/frame %.0f%n",
                kind, samples.size(), pct(draw, 50), pct(draw, 95), pct(total, 50), pct(total, 95), total[total.length - 1], rects);
    }

    private static double pct(double[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p / 100 * (sorted.length - 1)))];
    }

}
