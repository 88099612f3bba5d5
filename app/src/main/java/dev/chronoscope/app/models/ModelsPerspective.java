package dev.chronoscope.app.models;

import dev.chronoscope.emulator.gpu.catalog.DeviceCatalog;
import dev.chronoscope.emulator.models.defaults.DefaultModels;
import dev.chronoscope.emulator.models.store.ModelStore;
import dev.chronoscope.modeleditor.CalibrationService;
import dev.chronoscope.modeleditor.ModelEditorPane;
import dev.chronoscope.modeleditor.RerunHandler;
import dev.chronoscope.modeleditor.task.BackgroundTaskExecutor;
import javafx.scene.Node;

import java.nio.file.Path;

/**
 * The model editor over one models store, as the workbench's Models perspective. It owns the store
 * and the editor's executor: the executor's single worker is the store's only user while the
 * perspective is open (a {@link ModelStore} is not thread-safe); {@code emulate} children read the
 * same file from their own processes, which SQLite arbitrates.
 */
public final class ModelsPerspective implements AutoCloseable {
    private final Path storeFile;
    private final ModelStore store;
    private final BackgroundTaskExecutor executor;
    private final ModelEditorPane pane;

    private ModelsPerspective(Path storeFile, ModelStore store, BackgroundTaskExecutor executor, ModelEditorPane pane) {
        this.storeFile = storeFile;
        this.store = store;
        this.executor = executor;
        this.pane = pane;
    }

    /**
     * Opens {@code storeFile} (seeded with the shipped defaults when new) and builds the editor on
     * it; call on the JavaFX thread. {@code rerun} is installed as the editor's "Re-run with this model".
     */
    public static ModelsPerspective open(Path storeFile, CalibrationService calibration, RerunHandler rerun) {
        ModelStore store = ModelStore.open(storeFile);
        BackgroundTaskExecutor executor = null;
        try {
            DefaultModels.load().seedIfEmpty(store);
            executor = new BackgroundTaskExecutor();
            ModelEditorPane pane = ModelEditorPane.create(store, executor, new CatalogueRooflines(DeviceCatalog.standard()), calibration);
            pane.setRerunHandler(rerun);
            return new ModelsPerspective(storeFile, store, executor, pane);
        } catch (RuntimeException e) {
            if (executor != null) executor.close();
            store.close();
            throw e;
        }
    }

    public Path storeFile() { return storeFile; }

    public ModelEditorPane pane() { return pane; }

    public Node node() { return pane.node(); }

    /** Stops the editor's worker, then closes the store. */
    @Override
    public void close() {
        executor.close();
        store.close();
    }
}
