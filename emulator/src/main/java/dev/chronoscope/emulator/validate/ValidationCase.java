package dev.chronoscope.emulator.validate;

import dev.chronoscope.emulator.run.Scenario;

import java.nio.file.Path;
import java.util.Locale;

/**
 * One scenario of the validation: the tiny model on the CPU device at a TP degree and request rate,
 * and the time mode its emulation runs in.
 *
 * @param name       short label, used in the table and as the scenario's folder name
 * @param timeMode   modeled or measured (DESIGN §6)
 */
public record ValidationCase(String name, int tensorParallelSize, double requestRate, int numPrompts, int inputLen,
                             int outputLen, String timeMode) {
    /** The device both runs use: the engine's CPU device for real, its calibrated models emulated. */
    public static final String DEVICE = "cpu-local";
    static final String MODEL = "tiny";
    /** Few sequences per step keep a step's kernels short next to the scheduler's own work. */
    static final int MAX_NUM_SEQS = 16;

    public ValidationCase {
        if (!name.matches("[a-z0-9-]+")) throw new IllegalArgumentException("case name '" + name + "' must be [a-z0-9-]+");
    }

    /** The same scenario for both runs; {@code models} is the store the emulation reads. */
    public Scenario scenario(Path models, long seed) {
        return new Scenario(MODEL, DEVICE, tensorParallelSize, 1, timeMode, "single", seed, models,
                new Scenario.EngineKnobs(MAX_NUM_SEQS, null, 16, 0.9, true, true, null, "fcfs"),
                new Scenario.Workload("random", null, inputLen, outputLen, 0.0, null, requestRate, 1.0, null,
                        numPrompts, null, "ttft,tpot,itl,e2el", "99"));
    }

    /** A one-line description for progress and the report. */
    public String describe() {
        return String.format(Locale.ROOT, "TP %d, %s req/s, %d prompts of %d→%d tokens, %s emulation",
                tensorParallelSize, Double.isInfinite(requestRate) ? "inf" : String.format(Locale.ROOT, "%.3g", requestRate),
                numPrompts, inputLen, outputLen, timeMode);
    }
}
