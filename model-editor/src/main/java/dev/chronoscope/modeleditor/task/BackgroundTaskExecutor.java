package dev.chronoscope.modeleditor.task;

import javafx.application.Platform;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** Runs work on one daemon worker thread, in submission order, and posts results to the UI thread. */
public final class BackgroundTaskExecutor implements TaskExecutor {
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "model-editor-worker");
        t.setDaemon(true);
        return t;
    });
    private final Executor ui;

    /** Results delivered on the JavaFX application thread. */
    public BackgroundTaskExecutor() {
        this(Platform::runLater);
    }

    public BackgroundTaskExecutor(Executor ui) {
        this.ui = ui;
    }

    @Override public <T> TaskHandle submit(String title, Work<T> work, Consumer<? super T> onSuccess, Consumer<? super Exception> onFailure) {
        TaskHandle handle = new TaskHandle(title);
        worker.execute(new TaskRun<>(handle, work, onSuccess, onFailure, ui));
        return handle;
    }

    @Override public Executor ui() { return ui; }

    @Override public void close() {
        worker.shutdownNow();
    }
}
