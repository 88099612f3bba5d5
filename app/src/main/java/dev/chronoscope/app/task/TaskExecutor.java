package dev.chronoscope.app.task;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs work off the UI thread and hands the outcome back on it. View-models use this for every
 * call that may block (launching, controlling a run); tests swap in {@link CurrentThreadTaskExecutor}
 * so the same code runs synchronously and deterministically.
 */
public interface TaskExecutor extends AutoCloseable {

    /**
     * Runs {@code work} in the background; exactly one of {@code onSuccess} or {@code onFailure}
     * is then called on the UI thread.
     */
    <T> void execute(Callable<T> work, Consumer<? super T> onSuccess, Consumer<Throwable> onFailure);

    /** Stops accepting work; running work is interrupted. */
    @Override
    void close();
}
