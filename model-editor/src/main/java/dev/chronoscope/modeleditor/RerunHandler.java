package dev.chronoscope.modeleditor;

import javafx.scene.Node;

import java.util.concurrent.CompletionStage;

/**
 * The workbench's side of "re-run with this model": it re-runs the current scenario with the
 * activated versions and completes with its view comparing the new run to the previous one, which
 * the editor shows as it is. Completing exceptionally shows the error.
 */
@FunctionalInterface
public interface RerunHandler {
    CompletionStage<Node> rerun(RerunRequest request);
}
