package dev.chronoscope.app.runs;

/**
 * Controls one launched run. Calls may block (they may talk to a child process), so view-models
 * make them through the task executor, never on the UI thread.
 */
public interface RunControl {

    /** Holds virtual time where it is; events stop arriving until {@link #resume()} or {@link #step()}. */
    void pause() throws Exception;

    void resume() throws Exception;

    /** While paused: lets exactly one engine step run, then holds again. */
    void step() throws Exception;

    /** Ends the run; the launcher then sends a {@code RunEnd} event. */
    void stop() throws Exception;
}
