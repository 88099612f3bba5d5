package dev.chronoscope.modeleditor;

import java.util.List;

/**
 * What the workbench should re-run with: the model versions activated in the editor since the
 * last re-run (their ids in the models store; each is now its kernel's active version).
 */
public record RerunRequest(List<Long> activatedVersionIds) {
    public RerunRequest {
        activatedVersionIds = List.copyOf(activatedVersionIds);
        if (activatedVersionIds.isEmpty()) throw new IllegalArgumentException("a re-run needs at least one activated version");
    }
}
