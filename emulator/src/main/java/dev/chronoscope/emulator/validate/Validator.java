package dev.chronoscope.emulator.validate;

import dev.chronoscope.emulator.run.Scenario;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * DESIGN §13's local check: every scenario of the plan run for real (repeated) and emulated with the
 * calibrated cpu-local models, one folder per run under the output folder:
 * <pre>
 * SCENARIO/real-N/    bench-result.json and engine.log of the N-th real run
 * SCENARIO/emulated/  the emulated run folder (result.json, stream, ...), its output in emulated-engine.log
 * </pre>
 */
public final class Validator {
    /** The error target of DESIGN §13 for mean TTFT, mean TPOT and throughput. */
    public static final double TARGET_PCT = 5.0;
    static final long SEED = 0;

    private final EngineRuns runs;
    private final PrintWriter progress;

    public Validator(EngineRuns runs, PrintWriter progress) {
        this.runs = runs;
        this.progress = progress;
    }

    /** Runs the plan against the model store {@code models}; the report is not yet written. */
    public ValidationReport run(ValidationPlan plan, Path models, Path out) throws InterruptedException {
        MachineState machine = MachineState.now();
        int total = plan.runs(), done = 0;
        long start = System.nanoTime();
        List<ScenarioResult> results = new ArrayList<>();
        for (ValidationCase c : plan.cases()) {
            progress.printf(Locale.ROOT, "%s: %s%n", c.name(), c.describe());
            progress.flush();
            Scenario scenario = c.scenario(models, SEED);
            Path dir = out.resolve(c.name());
            List<RunMetrics> real = new ArrayList<>();
            List<Double> loads = new ArrayList<>();
            for (int i = 1; i <= plan.repeats(); i++) {
                long t0 = System.nanoTime();
                RunMetrics m = runs.real(scenario, dir.resolve("real-" + i));
                real.add(m);
                loads.add(MachineState.currentLoadAverage());
                report(++done, total, start, t0, c.name() + " real " + i + "/" + plan.repeats(), m, loads.getLast());
            }
            long t0 = System.nanoTime();
            RunMetrics emulated = runs.emulated(scenario, dir.resolve("emulated"));
            report(++done, total, start, t0, c.name() + " emulated", emulated, MachineState.currentLoadAverage());
            results.add(new ScenarioResult(c, real, loads, emulated));
        }
        return new ValidationReport(results, machine, plan.repeats(), TARGET_PCT);
    }

    private void report(int done, int total, long start, long runStart, String what, RunMetrics m, double load) {
        long now = System.nanoTime();
        double elapsed = (now - start) / 1e9;
        double eta = elapsed / done * (total - done);
        progress.printf(Locale.ROOT, "  [%2d/%d] %-20s %5.1f s  mean TTFT %8.2f ms  mean TPOT %7.2f ms  %8.1f tok/s  load %.1f  ETA %s%n",
                done, total, what, (now - runStart) / 1e9, m.get(Metric.MEAN_TTFT), m.get(Metric.MEAN_TPOT),
                m.get(Metric.THROUGHPUT), load, minutes(eta));
        progress.flush();
    }

    private static String minutes(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
