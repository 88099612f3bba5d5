package dev.chronoscope.emulator.validate;

import dev.chronoscope.emulator.run.Scenario;

import java.nio.file.Path;
import java.util.Locale;

/**
 * One scenario of the validation: the tiny model on the CPU device at a TP degree and request rate,
 * its warm-up, and the time mode its emulation runs in.
 *
 * @param name          short label, used in the table and as the scenario's folder name
 * @param warmup        warm-up requests before the measured ones (see {@link RequestTrace})
 * @param measuredStart seconds after which the measured requests arrive
 * @param numPrompts    measured requests
 * @param timeMode      modeled or measured (DESIGN §6)
 * @param processes     {@code single}: the ranks are threads of one JVM, for real and emulated; {@code per-rank}: one
 *                      JVM per rank, the real engine with {@code --distributed-executor-backend mp} and the emulation
 *                      with {@code --processes per-rank}
 */
public record ValidationCase(String name, int tensorParallelSize, double requestRate, int warmup, double measuredStart,
                             int numPrompts, int inputLen, int outputLen, String timeMode, String processes) {
    /** The device both runs use: the engine's CPU device for real, its calibrated models emulated. */
    public static final String DEVICE = "cpu-local";
    static final String MODEL = "tiny";
    static final int MAX_NUM_SEQS = 16;

    public ValidationCase {
        if (!name.matches("[a-z0-9-]+")) throw new IllegalArgumentException("scenario name '" + name + "' must be [a-z0-9-]+");
        if (!processes.equals("single") && !processes.equals("per-rank")) {
            throw new IllegalArgumentException("scenario " + name + ": processes must be single or per-rank, got '" + processes + "'");
        }
    }

    /** A scenario whose ranks are threads of one JVM. */
    public ValidationCase(String name, int tensorParallelSize, double requestRate, int warmup, double measuredStart,
                          int numPrompts, int inputLen, int outputLen, String timeMode) {
        this(name, tensorParallelSize, requestRate, warmup, measuredStart, numPrompts, inputLen, outputLen, timeMode, "single");
    }

    /** This case with its emulation in another time mode; a per-rank case stays modeled (measured time needs one process). */
    public ValidationCase withTimeMode(String mode) {
        String kept = processes.equals("per-rank") ? timeMode : mode;
        return new ValidationCase(name, tensorParallelSize, requestRate, warmup, measuredStart, numPrompts, inputLen, outputLen, kept, processes);
    }

    /** The requests both runs replay. */
    public RequestTrace trace(long seed) {
        return RequestTrace.of(warmup, measuredStart, numPrompts, requestRate, inputLen, outputLen, seed);
    }

    /** The same scenario for both runs, replaying the trace CSV {@code traceFile}; {@code models} is the store the emulation reads. */
    public Scenario scenario(Path models, Path traceFile, int requests, long seed) {
        return new Scenario(MODEL, DEVICE, tensorParallelSize, 1, timeMode, processes, seed, models,
                new Scenario.EngineKnobs(MAX_NUM_SEQS, null, 16, 0.9, true, true, null, "fcfs"),
                new Scenario.Workload("trace", traceFile.toAbsolutePath(), inputLen, outputLen, 0.0, null,
                        Double.POSITIVE_INFINITY, 1.0, null, requests, null, "ttft,tpot,itl,e2el", "99"));
    }

    /** A one-line description for progress and the report. */
    public String describe() {
        return String.format(Locale.ROOT, "TP %d%s, %s req/s, %d measured prompts of %d→%d tokens after %d warm-up ones, %s emulation",
                tensorParallelSize, processes.equals("per-rank") ? " (a process per rank)" : "", Double.isInfinite(requestRate) ? "inf" : String.format(Locale.ROOT, "%.3g", requestRate),
                numPrompts, inputLen, outputLen, warmup, timeMode);
    }
}
