package dev.chronoscope.app.models;

import dev.chronoscope.app.viewmodel.RunState;
import dev.chronoscope.app.viewmodel.RunViewModel;
import dev.chronoscope.app.viewmodel.WorkbenchViewModel;
import dev.chronoscope.modeleditor.RerunHandler;
import dev.chronoscope.modeleditor.RerunRequest;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * "Re-run with this model": launches the chosen run's scenario again through the workbench (same
 * launcher, so the same models store, whose active versions the editor just changed), waits for it
 * to end, and completes with the workbench's comparison of the original (A) and the re-run (B).
 * The re-run is an ordinary run of the run list. Call on the JavaFX thread.
 */
public final class RerunWithModels implements RerunHandler {
    private final WorkbenchViewModel workbench;
    private final RunPicker picker;

    /** Asks the user which run to re-run when none is selected; empty when they chose none. */
    @FunctionalInterface
    public interface RunPicker {
        Optional<RunViewModel> pick(List<RunViewModel> candidates);
    }

    public RerunWithModels(WorkbenchViewModel workbench, RunPicker picker) {
        this.workbench = workbench;
        this.picker = picker;
    }

    @Override
    public CompletionStage<Node> rerun(RerunRequest request) {
        Optional<RunViewModel> chosen;
        try {
            chosen = original();
        } catch (IllegalStateException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (chosen.isEmpty()) return CompletableFuture.failedFuture(new IllegalStateException("no run chosen to re-run"));
        RunViewModel original = chosen.get();
        RunViewModel rerun = workbench.launch(original.scenario());
        CompletableFuture<Node> done = new CompletableFuture<>();
        whenEnded(rerun, () -> {
            if (rerun.state() == RunState.FINISHED) done.complete(RerunComparison.of(original, rerun, request));
            else done.completeExceptionally(new IllegalStateException("the re-run " + rerun.name() + " "
                    + rerun.state().name().toLowerCase(Locale.ROOT) + ": " + rerun.model().message()));
        });
        return done;
    }

    /** The selected run, else the user's pick among the ended runs; a run still going cannot be compared yet. */
    private Optional<RunViewModel> original() {
        RunViewModel selected = workbench.selectedRun();
        if (selected == null) {
            List<RunViewModel> ended = workbench.runs().stream().filter(r -> r.state() == RunState.FINISHED).toList();
            if (ended.isEmpty()) {
                throw new IllegalStateException("no finished run to re-run: launch one in the Runs perspective first");
            }
            return picker.pick(ended);
        }
        if (selected.state().isLive()) {
            throw new IllegalStateException("run " + selected.name() + " is still " + selected.state().name().toLowerCase(Locale.ROOT)
                    + "; re-run it once it has finished, or select a finished run in the Runs perspective");
        }
        if (selected.state() != RunState.FINISHED) {
            throw new IllegalStateException("run " + selected.name() + " did not finish (" + selected.state().name().toLowerCase(Locale.ROOT)
                    + "): there is nothing to compare with; select a finished run");
        }
        return Optional.of(selected);
    }

    private static void whenEnded(RunViewModel run, Runnable action) {
        if (!run.state().isLive()) {
            action.run();
            return;
        }
        run.stateProperty().addListener(new ChangeListener<>() {
            @Override public void changed(ObservableValue<? extends RunState> o, RunState was, RunState is) {
                if (is.isLive()) return;
                run.stateProperty().removeListener(this);
                action.run();
            }
        });
    }
}
