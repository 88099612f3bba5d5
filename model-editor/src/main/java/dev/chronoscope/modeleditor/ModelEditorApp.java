package dev.chronoscope.modeleditor;

import dev.chronoscope.emulator.models.defaults.DefaultModels;
import dev.chronoscope.emulator.models.store.ModelStore;
import dev.chronoscope.emulator.models.store.StoreLocation;
import dev.chronoscope.modeleditor.task.BackgroundTaskExecutor;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The editor alone in a window, over the user's models store or the one {@code --models FILE} names. */
public final class ModelEditorApp extends Application {
    private ModelStore store;
    private BackgroundTaskExecutor executor;

    @Override public void start(Stage stage) {
        Path file = storePath(getParameters().getRaw());
        store = ModelStore.open(file);
        DefaultModels.load().seedIfEmpty(store);
        executor = new BackgroundTaskExecutor();
        ModelEditorPane pane = ModelEditorPane.create(store, executor, d -> Optional.empty(),
                CalibrationService.notAvailable("cpu-local calibration (chronoscope calibrate) is not part of this build yet"));
        stage.setTitle("Chronoscope — models — " + file);
        stage.setScene(new Scene((javafx.scene.Parent) pane.node(), 1600, 1000));
        stage.show();
    }

    @Override public void stop() {
        if (executor != null) executor.close();
        if (store != null) store.close();
    }

    static Path storePath(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--models")) {
                if (i + 1 >= args.size()) throw new IllegalArgumentException("--models needs a file: --models FILE");
                return Path.of(args.get(i + 1));
            }
            if (args.get(i).startsWith("--models=")) return Path.of(args.get(i).substring("--models=".length()));
        }
        return StoreLocation.defaultPath();
    }
}
