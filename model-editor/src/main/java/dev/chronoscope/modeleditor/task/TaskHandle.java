package dev.chronoscope.modeleditor.task;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A submitted task as the UI sees it. Its properties change only on the UI thread (the executor
 * delivers them there), so views may bind to them directly.
 */
public final class TaskHandle {
    private final String title;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<TaskState> state = new ReadOnlyObjectWrapper<>(TaskState.RUNNING);

    TaskHandle(String title) {
        this.title = title;
        message.set(title);
    }

    public String title() { return title; }

    /** Asks the work to stop; it stops at its next {@link TaskContext#checkCancelled()}. */
    public void cancel() { cancelled.set(true); }

    public boolean isCancelRequested() { return cancelled.get(); }

    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }

    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    public ReadOnlyObjectProperty<TaskState> stateProperty() { return state.getReadOnlyProperty(); }

    public TaskState state() { return state.get(); }

    void setProgress(double fraction, String text) {
        progress.set(fraction);
        if (text != null) message.set(text);
    }

    void finish(TaskState end, String text) {
        if (end == TaskState.SUCCEEDED) progress.set(1);
        message.set(text);
        state.set(end);
    }
}
