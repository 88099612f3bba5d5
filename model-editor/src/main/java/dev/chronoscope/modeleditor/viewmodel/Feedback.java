package dev.chronoscope.modeleditor.viewmodel;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The editor's status line and its last error, which the view shows until dismissed. */
public final class Feedback {
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }

    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }

    public void status(String text) { status.set(text); }

    /** Shows {@code e}'s message prefixed with what was being done. */
    public void error(String doing, Exception e) {
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        error.set(doing + ": " + message);
        status.set(doing + " failed");
    }

    public void dismissError() { error.set(""); }
}
