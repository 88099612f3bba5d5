package dev.chronoscope.emulator.calibrate;

import java.util.List;

/** Grids small enough for tests, and the profiler on the test classpath (the engine is a test dependency). */
final class TinyGrids {
    private TinyGrids() {}

    static final List<String> OPS = List.of("add", "mlp_up_proj", "attn_decode", "all_reduce");

    /** 6 token counts × 2 ops + 6 decode shapes + 2 all-reduce sizes = 20 shapes, timed once each. */
    static CalibrationGrid grid() {
        List<String> once = List.of("--min-reps", "1", "--max-reps", "1", "--budget-ms", "0", "--warmup-ms", "0");
        List<String> kernels = new java.util.ArrayList<>(List.of("--model", "tiny", "--tp", "1", "--tokens", "1,2,4,8,16,32",
                "--decode-batches", "1,2,4", "--decode-contexts", "16,64"));
        kernels.addAll(once);
        List<String> collectives = new java.util.ArrayList<>(List.of("--bytes", "4096,65536", "--ranks", "2"));
        collectives.addAll(once);
        return new CalibrationGrid("test", kernels, collectives, List.of(), OPS);
    }

    static final int SHAPES = 20;

    static String engineClasspath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    static ProfilerLauncher launcher() {
        return ProfilerLauncher.forClasspath(engineClasspath());
    }
}
