package dev.chronoscope.app.runs;

/**
 * Controls one launched run. Calls may block (they may talk to a child process), so view-models
 * make them through the task executor, never on the UI thread.
 */
public interface RunControl {

    /** Holds virtual time where it is; events stop arriving until {@link #resume()} or {@link #step()}. */
    void pause() throws Exception;

    void resume() throws Exception;

    /** Lets the run go on until the next engine step begins, then holds. */
    void step() throws Exception;

    /** Lets the run go on for {@code virtualNanos} of virtual time, then holds. */
    void stepBy(long virtualNanos) throws Exception;

    /** Ends the run; the launcher then sends a {@code RunEnd} event. */
    void stop() throws Exception;

    /** For a run that is over (reopened from its folder): nothing to control. */
    RunControl NONE = new RunControl() {
        @Override public void pause() { }
        @Override public void resume() { }
        @Override public void step() { }
        @Override public void stepBy(long virtualNanos) { }
        @Override public void stop() { }
    };
}
