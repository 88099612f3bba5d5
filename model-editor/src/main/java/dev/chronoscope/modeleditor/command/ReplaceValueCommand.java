package dev.chronoscope.modeleditor.command;

import java.util.function.Consumer;

/**
 * Replaces one value of the editor's state (the hand-edited model, the model form, the chosen
 * features, the version being edited); undo sets the earlier value back.
 */
public final class ReplaceValueCommand<T> implements EditCommand {
    private final String description;
    private final Consumer<T> setter;
    private final T before;
    private final T after;

    public ReplaceValueCommand(String description, Consumer<T> setter, T before, T after) {
        this.description = description;
        this.setter = setter;
        this.before = before;
        this.after = after;
    }

    @Override public String description() { return description; }

    @Override public void execute() { setter.accept(after); }

    @Override public void undo() { setter.accept(before); }
}
