package dev.chronoscope.emulator.validate;

import dev.chronoscope.emulator.run.Scenario;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * DESIGN §13's local check: every scenario of the plan run for real (repeated) and emulated with the
 * calibrated cpu-local models, one folder per run under the output folder:
 * <pre>
 * SCENARIO/trace.csv  the requests both runs replay (warm-up first)
 * SCENARIO/real-N/    bench-result.json and engine.log of the N-th real run
 * SCENARIO/emulated/  the emulated run folder (result.json, stream, ...), its output in emulated-engine.log
 * </pre>
 */
public final class Validator {
    /** The error target of DESIGN §13 for mean TTFT, mean TPOT and throughput. */
    public static final double TARGET_PCT = 5.0;
    static final long SEED = 0;
    static final String TRACE_FILE = "trace.csv";

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
            Path dir = out.resolve(c.name());
            RequestTrace trace = c.trace(SEED);
            Scenario scenario = c.scenario(models, trace.write(dir.resolve(TRACE_FILE)), trace.size(), SEED);
            List<RunMetrics> real = new ArrayList<>();
            List<ScenarioResult.RunConditions> conditions = new ArrayList<>();
            for (int i = 1; i <= plan.repeats(); i++) {
                long t0 = System.nanoTime();
                OptionalLong stall0 = CpuPressure.stalledMicros();
                RunMetrics m = runs.real(scenario, trace, dir.resolve("real-" + i));
                real.add(m);
                conditions.add(new ScenarioResult.RunConditions(MachineState.currentLoadAverage(),
                        CpuPressure.stallPct(stall0, CpuPressure.stalledMicros(), System.nanoTime() - t0)));
                report(++done, total, start, t0, c.name() + " real " + i + "/" + plan.repeats(), m, conditions.getLast());
            }
            long t0 = System.nanoTime();
            RunMetrics emulated = emulate(scenario, trace, dir);
            report(++done, total, start, t0, c.name() + " emulated", emulated, null);
            results.add(new ScenarioResult(c, real, conditions, emulated));
        }
        return new ValidationReport(results, machine, plan.repeats(), runs.niceness(), TARGET_PCT);
    }

    /**
     * The emulation, tried a second time (in {@code emulated-retry}) when the first failed: a coordinated
     * run of a process per rank can still fail at random on a busy machine (a false deadlock at the
     * coordinator, seen about one run in four here); the failure is printed, and a second one ends the
     * validation.
     */
    private RunMetrics emulate(Scenario scenario, RequestTrace trace, Path dir) throws InterruptedException {
        try {
            return runs.emulated(scenario, trace, dir.resolve("emulated"));
        } catch (ValidationException first) {
            String reason = first.getMessage().lines().findFirst().orElse("");
            progress.printf(Locale.ROOT, "  emulation failed, trying once more: %s%n", reason);
            progress.flush();
            return runs.emulated(scenario, trace, dir.resolve("emulated-retry"));
        }
    }

    private void report(int done, int total, long start, long runStart, String what, RunMetrics m, ScenarioResult.RunConditions real) {
        long now = System.nanoTime();
        double elapsed = (now - start) / 1e9;
        double eta = elapsed / done * (total - done);
        String machine = real == null ? "" : String.format(Locale.ROOT, "  load %.1f, CPU stall %s", real.loadAverage(),
                ValidationReport.pct(real.cpuStallPct()));
        progress.printf(Locale.ROOT, "  [%2d/%d] %-20s %5.1f s  mean TTFT %8.2f ms  mean TPOT %7.2f ms  %7.1f tok/s%s  ETA %s%n",
                done, total, what, (now - runStart) / 1e9, m.get(Metric.MEAN_TTFT), m.get(Metric.MEAN_TPOT),
                m.get(Metric.THROUGHPUT), machine, minutes(eta));
        progress.flush();
    }

    private static String minutes(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
