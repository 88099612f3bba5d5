package dev.chronoscope.emulator.validate;

import dev.chronoscope.emulator.calibrate.CalibrationGrid;

import java.util.List;

/**
 * Which scenarios run, how often reality is repeated, and the calibration grid used when the store
 * has no calibrated cpu-local models yet.
 */
public record ValidationPlan(String name, List<ValidationCase> cases, int repeats, CalibrationGrid grid) {

    public ValidationPlan {
        cases = List.copyOf(cases);
        if (cases.isEmpty()) throw new IllegalArgumentException("a validation plan needs at least one scenario");
        if (repeats < 1) throw new IllegalArgumentException("--repeats must be at least 1, got " + repeats);
    }

    /**
     * TP 1 and 2, each at a low rate (requests mostly alone: TTFT is one prefill, TPOT one decode step)
     * and a high one (requests batched and queued). Short enough for {@code --quick}: about three minutes
     * with a calibration on two cores.
     */
    public static ValidationPlan quick(int repeats) {
        return new ValidationPlan("quick", List.of(
                new ValidationCase("tp1-low", 1, 2, 16, 5, 10, 128, 32, "modeled"),
                new ValidationCase("tp1-high", 1, 16, 16, 5, 24, 128, 32, "modeled"),
                new ValidationCase("tp2-low", 2, 2, 16, 5, 10, 128, 32, "modeled"),
                new ValidationCase("tp2-high", 2, 16, 16, 5, 24, 128, 32, "modeled")), repeats, CalibrationGrid.quick());
    }

    /** The same scenarios with more requests, longer prompts at the high rate, and the full calibration grid. */
    public static ValidationPlan full(int repeats) {
        return new ValidationPlan("full", List.of(
                new ValidationCase("tp1-low", 1, 2, 24, 6, 24, 128, 64, "modeled"),
                new ValidationCase("tp1-high", 1, 16, 24, 6, 64, 256, 64, "modeled"),
                new ValidationCase("tp2-low", 2, 2, 24, 6, 24, 128, 64, "modeled"),
                new ValidationCase("tp2-high", 2, 16, 24, 6, 64, 256, 64, "modeled")), repeats, CalibrationGrid.full());
    }

    /** Number of engine JVMs the plan starts. */
    public int runs() {
        return cases.size() * (repeats + 1);
    }
}
