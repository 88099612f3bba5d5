package dev.chronoscope.modeleditor.command;

/** One user edit that can be done, undone and redone (Scene Builder's command objects). */
public interface EditCommand {

    /** Shown in the undo/redo menu items, e.g. "Exclude 3 samples". */
    String description();

    void execute();

    void undo();
}
