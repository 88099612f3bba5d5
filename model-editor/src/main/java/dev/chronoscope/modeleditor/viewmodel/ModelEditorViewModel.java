package dev.chronoscope.modeleditor.viewmodel;

import dev.chronoscope.emulator.models.KernelModels;
import dev.chronoscope.emulator.models.StorePredictor;
import dev.chronoscope.emulator.models.defaults.DefaultModels;
import dev.chronoscope.emulator.models.form.RooflineSpec;
import dev.chronoscope.emulator.models.store.ModelStore;
import dev.chronoscope.emulator.models.store.ModelVersion;
import dev.chronoscope.modeleditor.CalibrationService;
import dev.chronoscope.modeleditor.command.CommandStack;
import dev.chronoscope.modeleditor.task.TaskExecutor;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The model editor's root view-model: the browser, the kernel being edited, the sample sources,
 * the re-run seam, one undo/redo stack and one status line. The only part of the editor that
 * touches the models store (through its children, on the task executor).
 */
public final class ModelEditorViewModel {
    private final ModelStore store;
    private final TaskExecutor executor;
    private final Function<String, Optional<RooflineSpec>> catalogue;
    private final Feedback feedback = new Feedback();
    private final CommandStack commands = new CommandStack();
    private final ReadOnlyLongWrapper modelsRevision = new ReadOnlyLongWrapper();
    private final BrowserViewModel browser;
    private final KernelEditorViewModel editor;
    private final SourcesViewModel sources;
    private final RerunViewModel rerun;

    /**
     * @param store       the models store (used only from the executor's worker)
     * @param catalogue   device figures from the device catalogue; names it lacks use the built-in specs
     * @param calibration the cpu-local calibration, or {@link CalibrationService#notAvailable(String)}
     */
    public ModelEditorViewModel(ModelStore store, TaskExecutor executor, Function<String, Optional<RooflineSpec>> catalogue,
                                CalibrationService calibration) {
        this.store = store;
        this.executor = executor;
        this.catalogue = catalogue;
        browser = new BrowserViewModel(store, executor, feedback);
        rerun = new RerunViewModel(executor.ui(), feedback);
        editor = new KernelEditorViewModel(store, executor, catalogue, DefaultModels.load().roofline(), commands, feedback,
                this::storeChanged, this::activated);
        sources = new SourcesViewModel(store, executor, feedback, calibration, this::storeChangedAndReload);
    }

    /** Reads the store: call once the editor is shown. */
    public void start() {
        browser.refresh();
    }

    private void storeChanged() {
        browser.refresh();
    }

    private void storeChangedAndReload() {
        browser.refresh();
        editor.reload();
    }

    private void activated(ModelVersion v) {
        modelsRevision.set(modelsRevision.get() + 1);
        rerun.noteActivated(v);
    }

    /**
     * Builds, on the worker, a predictor over the store's active versions as they are then, and
     * hands it to {@code ready} on the UI thread. Activation changes what it answers;
     * {@link #modelsRevisionProperty()} ticks at every activation so callers know to build a new one.
     */
    public void predictor(Consumer<StorePredictor> ready) {
        executor.submit("Building a predictor", ctx -> new KernelModels(store, catalogue).predictor(), ready,
                e -> feedback.error("Building a predictor", e));
    }

    /** Increases at every activation. */
    public ReadOnlyLongProperty modelsRevisionProperty() { return modelsRevision.getReadOnlyProperty(); }

    public BrowserViewModel browser() { return browser; }

    public KernelEditorViewModel editor() { return editor; }

    public SourcesViewModel sources() { return sources; }

    public RerunViewModel rerun() { return rerun; }

    public CommandStack commands() { return commands; }

    public Feedback feedback() { return feedback; }
}
