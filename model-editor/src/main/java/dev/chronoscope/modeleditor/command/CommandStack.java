package dev.chronoscope.modeleditor.command;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.ArrayDeque;
import java.util.Deque;

/** Undo and redo stacks of {@link EditCommand}s; a new edit clears what could be redone. */
public final class CommandStack {
    private final Deque<EditCommand> undo = new ArrayDeque<>();
    private final Deque<EditCommand> redo = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper("Undo");
    private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper("Redo");

    /** Executes {@code command} and makes it the next to undo. */
    public void execute(EditCommand command) {
        command.execute();
        record(command);
    }

    /** Records a command whose effect already happened (a finished background refit). */
    public void record(EditCommand command) {
        undo.push(command);
        redo.clear();
        update();
    }

    public void undo() {
        if (undo.isEmpty()) return;
        EditCommand c = undo.pop();
        c.undo();
        redo.push(c);
        update();
    }

    public void redo() {
        if (redo.isEmpty()) return;
        EditCommand c = redo.pop();
        c.execute();
        undo.push(c);
        update();
    }

    /** Forgets every command (another kernel is being edited). */
    public void clear() {
        undo.clear();
        redo.clear();
        update();
    }

    public ReadOnlyBooleanProperty canUndoProperty() { return canUndo.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty canRedoProperty() { return canRedo.getReadOnlyProperty(); }

    public ReadOnlyStringProperty undoTextProperty() { return undoText.getReadOnlyProperty(); }

    public ReadOnlyStringProperty redoTextProperty() { return redoText.getReadOnlyProperty(); }

    private void update() {
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
        undoText.set(undo.isEmpty() ? "Undo" : "Undo " + undo.peek().description());
        redoText.set(redo.isEmpty() ? "Redo" : "Redo " + redo.peek().description());
    }
}
