package dev.chronoscope.modeleditor.task;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** Runs work at once on the calling thread: background work becomes synchronous in tests. */
public final class CurrentThreadTaskExecutor implements TaskExecutor {

    @Override public <T> TaskHandle submit(String title, Work<T> work, Consumer<? super T> onSuccess, Consumer<? super Exception> onFailure) {
        TaskHandle handle = new TaskHandle(title);
        new TaskRun<>(handle, work, onSuccess, onFailure, Runnable::run).run();
        return handle;
    }

    @Override public Executor ui() { return Runnable::run; }

    @Override public void close() {}
}
