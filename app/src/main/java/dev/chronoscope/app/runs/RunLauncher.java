package dev.chronoscope.app.runs;


/**
 * The seam between the workbench and whatever produces a run's interposer stream: a
 * {@code chronoscope emulate} child process whose TCP stream is decoded into events, a recorded
 * stream file, or a synthetic demo feed.
 *
 * <p>{@link #launch} starts the run and returns at once; the launcher then delivers every event,
 * in order, to the run's model from a thread of its own, ending with a {@code RunEnd} (status
 * "error" with a message when the run fails after it started). A run that cannot start throws.
 */
public interface RunLauncher {

    /** A name for the status bar, e.g. "chronoscope emulate" or "demo data (synthetic)". */
    String description();

    /**
     * Starts the run; events go to {@code run} (an {@link dev.chronoscope.emulator.stream.event.EventSink}),
     * and so do its console lines, run folder and hold points.
     */
    RunControl launch(Scenario scenario, RunModel run) throws Exception;
}
