package dev.chronoscope.modeleditor.command;

import java.util.Map;

/** Excludes or includes samples; undo puts back each sample's earlier state and reason. */
public final class ChangeExclusionsCommand implements EditCommand {
    private final ExclusionTarget target;
    private final Map<Long, ExclusionState> before;
    private final Map<Long, ExclusionState> after;
    private final String description;

    public ChangeExclusionsCommand(ExclusionTarget target, Map<Long, ExclusionState> before, Map<Long, ExclusionState> after, String description) {
        if (!before.keySet().equals(after.keySet())) throw new IllegalArgumentException("before and after must name the same samples");
        this.target = target;
        this.before = Map.copyOf(before);
        this.after = Map.copyOf(after);
        this.description = description;
    }

    @Override public String description() { return description; }

    @Override public void execute() { target.applyExclusions(after); }

    @Override public void undo() { target.applyExclusions(before); }
}
