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
     * and a high one (requests batched and queued); TP 2 with its ranks as threads of one JVM and as one
     * JVM per rank (the engine's {@code mp} backend against {@code emulate --processes per-rank}). Short enough for {@code --quick}: about four minutes
     * with a calibration on two busy cores.
     * <p>
     * The emulations run in measured time: the engine's own host work (scheduling, batch preparation,
     * output handling) costs what it really costs on this CPU. Modeled time charges the agent's fixed
     * host-overhead constants instead, set for vLLM's Python host (300 µs a step), which overstate this
     * Java engine's host work (about 60 µs a step measured here) by five times; that is most of a
     * tiny-model decode step, so modeled TPOT comes out far too long. The full plan keeps one modeled
     * scenario to show it.
     */
    public static ValidationPlan quick(int repeats) {
        return new ValidationPlan("quick", List.of(
                new ValidationCase("tp1-low", 1, 2, 16, 5, 10, 128, 32, "measured"),
                new ValidationCase("tp1-high", 1, 16, 16, 5, 24, 128, 32, "measured"),
                new ValidationCase("tp2-low", 2, 2, 16, 5, 10, 128, 32, "measured"),
                new ValidationCase("tp2-high", 2, 16, 16, 5, 24, 128, 32, "measured"),
                new ValidationCase("tp2-mp-low", 2, 2, 16, 5, 10, 128, 32, "modeled", "per-rank"),
                new ValidationCase("tp2-mp-high", 2, 16, 16, 5, 24, 128, 32, "modeled", "per-rank")), repeats, CalibrationGrid.quick());
    }

    /**
     * The same scenarios with more requests and longer outputs (the high rate lowered to 10 req/s, which
     * 48 requests of 64 tokens sustain on two cores), the full calibration grid,
     * and the low-rate TP 1 scenario once more in modeled time.
     */
    public static ValidationPlan full(int repeats) {
        return new ValidationPlan("full", List.of(
                new ValidationCase("tp1-low", 1, 2, 24, 6, 24, 128, 64, "measured"),
                new ValidationCase("tp1-high", 1, 10, 24, 6, 48, 128, 64, "measured"),
                new ValidationCase("tp2-low", 2, 2, 24, 6, 24, 128, 64, "measured"),
                new ValidationCase("tp2-high", 2, 10, 24, 6, 48, 128, 64, "measured"),
                new ValidationCase("tp2-mp-low", 2, 2, 24, 6, 24, 128, 64, "modeled", "per-rank"),
                new ValidationCase("tp2-mp-high", 2, 10, 24, 6, 48, 128, 64, "modeled", "per-rank"),
                new ValidationCase("tp1-low-modeled", 1, 2, 24, 6, 24, 128, 64, "modeled")), repeats, CalibrationGrid.full());
    }

    /** Number of engine JVMs the plan starts. */
    public int runs() {
        return cases.size() * (repeats + 1);
    }
}
