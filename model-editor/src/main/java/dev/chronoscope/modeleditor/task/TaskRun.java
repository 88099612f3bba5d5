package dev.chronoscope.modeleditor.task;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** One execution of a work item, with its results posted to the UI through {@code ui}. */
final class TaskRun<T> implements Runnable, TaskContext {
    private final TaskHandle handle;
    private final Work<T> work;
    private final Consumer<? super T> onSuccess;
    private final Consumer<? super Exception> onFailure;
    private final Executor ui;

    TaskRun(TaskHandle handle, Work<T> work, Consumer<? super T> onSuccess, Consumer<? super Exception> onFailure, Executor ui) {
        this.handle = handle;
        this.work = work;
        this.onSuccess = onSuccess;
        this.onFailure = onFailure;
        this.ui = ui;
    }

    @Override public void run() {
        T result;
        try {
            checkCancelled();
            result = work.run(this);
            checkCancelled();
        } catch (CancellationException e) {
            ui.execute(() -> handle.finish(TaskState.CANCELLED, handle.title() + ": cancelled"));
            return;
        } catch (Exception e) {
            ui.execute(() -> {
                handle.finish(TaskState.FAILED, handle.title() + ": failed");
                onFailure.accept(e);
            });
            return;
        }
        ui.execute(() -> {
            handle.finish(TaskState.SUCCEEDED, handle.title() + ": done");
            onSuccess.accept(result);
        });
    }

    @Override public void progress(double fraction, String message) {
        ui.execute(() -> handle.setProgress(fraction, message));
    }

    @Override public boolean isCancelled() { return handle.isCancelRequested(); }
}
