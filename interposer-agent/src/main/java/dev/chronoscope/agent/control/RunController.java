package dev.chronoscope.agent.control;

import dev.chronoscope.emulator.time.Emulation;

import java.util.Optional;

/**
 * Pause, resume, step and stop of this JVM's emulation, on behalf of the workbench
 * ({@link ControlChannel}). Holding is the emulation's own ({@link Emulation#runUntil}); "one engine
 * step" holds at the next entry of the engine core's {@code step}, where {@link #atEngineStep()} is
 * called (the agent's advice on that method).
 */
public final class RunController {
    private static volatile RunController current;

    private final Emulation emulation;
    private volatile boolean holdAtNextStep;

    RunController(Emulation emulation) {
        this.emulation = emulation;
    }

    /** Makes {@code controller} the one the engine-step advice reports to. */
    static void install(RunController controller) {
        current = controller;
    }

    /**
     * Called on entry to every engine step, on the emulated thread that runs it. After a "step"
     * command, the carrier holds before anything later than this instant: the step's own host
     * overhead (modeled mode) is the first thing it waits on.
     */
    public static void atEngineStep() {
        RunController controller = current;
        if (controller == null || !controller.holdAtNextStep) return;
        controller.holdAtNextStep = false;
        Optional<Emulation> running = Emulation.current();
        running.ifPresent(e -> e.runUntil(e.now()));
    }

    void pause() {
        holdAtNextStep = false;
        emulation.runUntil(Long.MIN_VALUE);
    }

    void resume() {
        holdAtNextStep = false;
        emulation.runUntil(Long.MAX_VALUE);
    }

    /** Runs {@code virtualNanos} beyond the instant it holds at (or runs at) now, then holds. */
    void runFor(long virtualNanos) {
        holdAtNextStep = false;
        long now = emulation.now();
        emulation.runUntil(now > Long.MAX_VALUE - virtualNanos ? Long.MAX_VALUE : now + virtualNanos);
    }

    /** Runs until the next engine step begins, then holds. */
    void stepEngine() {
        holdAtNextStep = true;
        emulation.runUntil(Long.MAX_VALUE);
    }

    /** Ends the emulation: the agent then completes the run folder (its stream ends with an error "stopped"). */
    void stop() {
        holdAtNextStep = false;
        emulation.runUntil(Long.MIN_VALUE);
        emulation.close();
    }
}
