package dev.chronoscope.emulator.calibrate;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * One console line per measured shape: {@code [  37/412] mlp_up_proj num_tokens=512 … 1.234 ms
 * elapsed 0:42 ETA 3:10}. The ETA assumes the remaining shapes cost what the measured ones did on
 * average, which holds because the profiler measures shapes in random order; it counts from the
 * first row, so the profiler's start-up and warm-up do not inflate it.
 */
public final class ConsoleProgress implements CalibrationListener {
    private final PrintWriter out;
    private final LongSupplier clock;
    private long start;
    private boolean started;
    private long firstRow;

    public ConsoleProgress(PrintWriter out) {
        this(out, System::nanoTime);
    }

    ConsoleProgress(PrintWriter out, LongSupplier clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public void planned(int shapes, String about) {
        // Later profilers add to the same run: elapsed time and the row rate carry on.
        if (!started) start = clock.getAsLong();
        started = true;
        out.printf("profiling %d shapes (%s)%n", shapes, about);
        out.flush();
    }

    @Override
    public void measured(int done, int total, String kernel, String shape, double nanos) {
        long now = clock.getAsLong();
        if (done == 1) firstRow = now;
        String eta = done < 2 ? "-:--" : clockTime(Math.round((double) (now - firstRow) / (done - 1) * (total - done)));
        int width = Integer.toString(total).length();
        out.printf(Locale.ROOT, "[%" + width + "d/%d] %-24s %-44s %10s  elapsed %s  ETA %s%n", done, total, kernel, shape,
                duration(nanos), clockTime(now - start), eta);
        out.flush();
    }

    @Override
    public void fitting(int kernels) {
        out.printf("fitting %d kernel models...%n", kernels);
        out.flush();
    }

    static String duration(double nanos) {
        if (nanos < 1e3) return String.format(Locale.ROOT, "%.0f ns", nanos);
        if (nanos < 1e6) return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
        if (nanos < 1e9) return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    static String clockTime(long nanos) {
        long s = Math.round(nanos / 1e9);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
