package dev.chronoscope.modeleditor.task;

/** Where a background task is. */
public enum TaskState {
    RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean isDone() { return this != RUNNING; }
}
