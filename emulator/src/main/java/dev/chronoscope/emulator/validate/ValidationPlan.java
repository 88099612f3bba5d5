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
     * JVM per rank (the engine's {@code mp} backend against {@code emulate --processes per-rank}).
     * <p>
     * Every emulation runs in modeled time, deterministic: the host work of an engine step is the
     * {@code host_step} that the quick calibration measures in situ for this engine (ranks as threads,
     * and a process per rank, whose messages between processes it includes), not the agent's constant
     * for vLLM's Python host. Measured time (host CPU time charged as it runs) cannot emulate the
     * per-rank scenarios (their coordinated run fails in measured time) and misses the hand-offs between
     * the engine's threads, which cost wall time but no CPU time; the full plan keeps one measured
     * scenario beside its modeled twin.
     */
    public static ValidationPlan quick(int repeats) {
        return new ValidationPlan("quick", List.of(
                new ValidationCase("tp1-low", 1, 2, 16, 4, 10, 128, 32, "modeled"),
                new ValidationCase("tp1-high", 1, 16, 16, 4, 24, 128, 32, "modeled"),
                new ValidationCase("tp2-low", 2, 2, 16, 4, 10, 128, 32, "modeled"),
                new ValidationCase("tp2-high", 2, 16, 16, 4, 24, 128, 32, "modeled"),
                new ValidationCase("tp2-mp-low", 2, 2, 16, 4, 10, 128, 32, "modeled", "per-rank"),
                new ValidationCase("tp2-mp-high", 2, 16, 16, 4, 24, 128, 32, "modeled", "per-rank")), repeats, CalibrationGrid.quick());
    }

    /**
     * The same scenarios with more requests and longer outputs (the high rate lowered to 10 req/s, which
     * 48 requests of 64 tokens sustain on two cores), the full calibration grid,
     * and the low-rate TP 1 scenario once more in measured time.
     */
    public static ValidationPlan full(int repeats) {
        return new ValidationPlan("full", List.of(
                new ValidationCase("tp1-low", 1, 2, 24, 6, 24, 128, 64, "modeled"),
                new ValidationCase("tp1-high", 1, 10, 24, 6, 48, 128, 64, "modeled"),
                new ValidationCase("tp2-low", 2, 2, 24, 6, 24, 128, 64, "modeled"),
                new ValidationCase("tp2-high", 2, 10, 24, 6, 48, 128, 64, "modeled"),
                new ValidationCase("tp2-mp-low", 2, 2, 24, 6, 24, 128, 64, "modeled", "per-rank"),
                new ValidationCase("tp2-mp-high", 2, 10, 24, 6, 48, 128, 64, "modeled", "per-rank"),
                new ValidationCase("tp1-low-measured", 1, 2, 24, 6, 24, 128, 64, "measured")), repeats, CalibrationGrid.full());
    }

    /** Number of engine JVMs the plan starts. */
    public int runs() {
        return cases.size() * (repeats + 1);
    }
}
