package dev.chronoscope.modeleditor;

import dev.chronoscope.emulator.models.form.RooflineSpec;
import dev.chronoscope.emulator.models.store.ModelStore;
import dev.chronoscope.modeleditor.task.TaskExecutor;
import dev.chronoscope.modeleditor.view.ModelEditorView;
import dev.chronoscope.modeleditor.viewmodel.ModelEditorViewModel;
import javafx.scene.Node;

import java.util.Optional;
import java.util.function.Function;

/**
 * The model editor as the workbench embeds it (its "Models" perspective): a {@link Node} and its
 * view-model. The caller owns the store and the executor and closes them; the executor must be the
 * only user of the store while the editor is open.
 *
 * <pre>{@code
 * ModelEditorPane models = ModelEditorPane.create(store, new BackgroundTaskExecutor(), catalogue::rooflineSpec,
 *         CalibrationService.notAvailable("calibrate is not wired yet"));
 * models.setRerunHandler(request -> workbench.rerun(request.activatedVersionIds()));  // completes with a comparison Node
 * perspective.setContent(models.node());
 * models.viewModel().modelsRevisionProperty().addListener(o -> workbench.rebuildPredictors());
 * }</pre>
 */
public final class ModelEditorPane {
    public static final String TITLE = "Models";

    private final ModelEditorViewModel viewModel;
    private final ModelEditorView view;

    public ModelEditorPane(ModelEditorViewModel viewModel) {
        this.viewModel = viewModel;
        this.view = new ModelEditorView(viewModel);
        viewModel.start();
    }

    /** Builds the editor over {@code store}; call on the JavaFX thread. */
    public static ModelEditorPane create(ModelStore store, TaskExecutor executor, Function<String, Optional<RooflineSpec>> catalogue,
                                         CalibrationService calibration) {
        return new ModelEditorPane(new ModelEditorViewModel(store, executor, catalogue, calibration));
    }

    public Node node() { return view; }

    public ModelEditorView view() { return view; }

    public ModelEditorViewModel viewModel() { return viewModel; }

    /** Installs the workbench's re-run; without one the "Re-run with this model" button stays disabled. */
    public void setRerunHandler(RerunHandler handler) {
        viewModel.rerun().handlerProperty().set(handler);
    }
}
