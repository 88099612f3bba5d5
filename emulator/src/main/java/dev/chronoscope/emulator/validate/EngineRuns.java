package dev.chronoscope.emulator.validate;

import dev.chronoscope.emulator.run.Scenario;

import java.nio.file.Path;

/** Runs a scenario's benchmark, for real or emulated, in a folder of its own, and returns its metrics over the trace's measured requests. */
public interface EngineRuns {
    /** The engine's {@code bench --in-process} on its CPU device, no agent: reality. */
    RunMetrics real(Scenario scenario, RequestTrace trace, Path dir) throws InterruptedException;

    /** The niceness the real runs run at (0: the default priority). */
    int niceness();

    /** {@code chronoscope emulate} of the same scenario: the prediction. */
    RunMetrics emulated(Scenario scenario, RequestTrace trace, Path dir) throws InterruptedException;
}
