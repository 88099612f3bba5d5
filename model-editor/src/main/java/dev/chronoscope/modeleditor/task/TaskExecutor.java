package dev.chronoscope.modeleditor.task;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Runs view-model work off the UI thread and hands results back on it (JabRef's pattern). The
 * production executor uses one worker thread, which also serialises every use of the models store
 * (a store is not thread-safe); tests swap in {@link CurrentThreadTaskExecutor} so that work is done
 * by the time {@code submit} returns.
 */
public interface TaskExecutor extends AutoCloseable {

    /**
     * @param onSuccess called on the UI thread with the result
     * @param onFailure called on the UI thread with the error; not called when the task was cancelled
     */
    <T> TaskHandle submit(String title, Work<T> work, Consumer<? super T> onSuccess, Consumer<? super Exception> onFailure);

    /** Where results are delivered: the UI thread in production, the calling thread in tests. */
    Executor ui();

    @Override void close();
}
