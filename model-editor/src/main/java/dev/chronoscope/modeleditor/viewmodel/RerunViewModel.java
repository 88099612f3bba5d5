package dev.chronoscope.modeleditor.viewmodel;

import dev.chronoscope.emulator.models.store.ModelVersion;
import dev.chronoscope.modeleditor.RerunHandler;
import dev.chronoscope.modeleditor.RerunRequest;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;
import javafx.scene.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * "Re-run with this model": remembers the versions activated since the last re-run (the latest per
 * kernel) and hands them to the workbench's {@link RerunHandler}; shows the comparison it returns.
 * Without a handler (the editor on its own) the action stays disabled.
 */
public final class RerunViewModel {
    private final Executor ui;
    private final Feedback feedback;
    private final ObjectProperty<RerunHandler> handler = new SimpleObjectProperty<>();
    private final ObservableMap<KernelKey, Long> pending = FXCollections.observableHashMap();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Node> comparison = new ReadOnlyObjectWrapper<>();
    private final BooleanBinding canRerun;

    RerunViewModel(Executor ui, Feedback feedback) {
        this.ui = ui;
        this.feedback = feedback;
        canRerun = Bindings.createBooleanBinding(() -> handler.get() != null && !pending.isEmpty() && !running.get(), handler, pending, running);
    }

    void noteActivated(ModelVersion v) {
        pending.put(new KernelKey(v.device(), v.kernel()), v.id());
    }

    /** The workbench installs its re-run here; null disables the action. */
    public ObjectProperty<RerunHandler> handlerProperty() { return handler; }

    public BooleanBinding canRerunProperty() { return canRerun; }

    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }

    /** The workbench's comparison of the new run with the previous one; null until a re-run finished. */
    public ReadOnlyObjectProperty<Node> comparisonProperty() { return comparison.getReadOnlyProperty(); }

    /** The versions a re-run now would use. */
    public List<Long> pendingVersionIds() { return new ArrayList<>(pending.values()).stream().sorted().toList(); }

    public void rerun() {
        if (!canRerun.get()) return;
        RerunRequest request = new RerunRequest(pendingVersionIds());
        running.set(true);
        feedback.status("Re-running with versions " + request.activatedVersionIds());
        handler.get().rerun(request).whenComplete((view, error) -> ui.execute(() -> {
            running.set(false);
            if (error != null) {
                feedback.error("Re-run", error instanceof Exception ex ? ex : new RuntimeException(error));
                return;
            }
            pending.clear();
            comparison.set(view);
            feedback.status("Re-run finished");
        }));
    }
}
