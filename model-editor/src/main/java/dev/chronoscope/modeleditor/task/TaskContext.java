package dev.chronoscope.modeleditor.task;

import java.util.concurrent.CancellationException;

/** What background work sees of its task: where to report progress, and whether it was cancelled. */
public interface TaskContext {

    /** Reports progress: {@code fraction} in [0, 1], or negative when unknown. */
    void progress(double fraction, String message);

    boolean isCancelled();

    /** Stops the work here when the task was cancelled; the task then ends as cancelled, not failed. */
    default void checkCancelled() {
        if (isCancelled()) throw new CancellationException("cancelled");
    }
}
