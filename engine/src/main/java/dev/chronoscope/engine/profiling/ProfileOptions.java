package dev.chronoscope.engine.profiling;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every profiler shares: how long to time each shape, in which order, and where the samples go. */
public final class ProfileOptions {
    @Option(names = "--min-reps", description = "timed runs per shape at least (default: ${DEFAULT-VALUE})", defaultValue = "5")
    public int minReps;
    @Option(names = "--max-reps", description = "timed runs per shape at most (default: ${DEFAULT-VALUE})", defaultValue = "25")
    public int maxReps;
    @Option(names = "--budget-ms", description = "time one shape for about this long once --min-reps are done (default: ${DEFAULT-VALUE})", defaultValue = "40")
    public double budgetMs;
    @Option(names = "--warmup-ms", description = "warm-up time per shape (at least one run) (default: ${DEFAULT-VALUE})", defaultValue = "10")
    public double warmupMs;
    @Option(names = "--seed", description = "seed of the shape order (default: ${DEFAULT-VALUE})", defaultValue = "1")
    public long seed;
    @Option(names = "--source", description = "value of the source column (default: ${DEFAULT-VALUE})", defaultValue = "kernel-profiler")
    public String source;
    @Option(names = "--out", description = "sample CSV to write (atomically, at the end) instead of streaming to standard output")
    public Path out;

    public RepeatTimer timer() {
        return new RepeatTimer((long) (warmupMs * 1e6), minReps, maxReps, (long) (budgetMs * 1e6));
    }
}
