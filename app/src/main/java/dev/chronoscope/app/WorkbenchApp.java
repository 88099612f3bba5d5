package dev.chronoscope.app;

import dev.chronoscope.app.models.CommandLineCalibration;
import dev.chronoscope.app.models.DialogRunPicker;
import dev.chronoscope.app.models.ModelsPerspective;
import dev.chronoscope.app.models.PerspectiveSwitch;
import dev.chronoscope.app.models.RerunWithModels;
import dev.chronoscope.app.runs.emulate.ChronoscopeHome;
import dev.chronoscope.app.runs.emulate.EmulateRunLauncher;
import dev.chronoscope.app.task.FxTaskExecutor;
import dev.chronoscope.app.task.TaskExecutor;
import dev.chronoscope.app.view.WorkbenchView;
import dev.chronoscope.app.viewmodel.WorkbenchViewModel;
import dev.chronoscope.emulator.models.store.StoreLocation;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/** The workbench window. */
public final class WorkbenchApp extends Application {
    static final int[] ICON_SIZES = {16, 32, 48, 64, 128, 256, 512};
    private TaskExecutor executor;
    private EmulateRunLauncher launcher;
    private ModelsPerspective models;

    @Override
    public void start(Stage stage) {
        executor = new FxTaskExecutor();
        launcher = runLauncher();
        WorkbenchViewModel vm = new WorkbenchViewModel(launcher, executor);
        stage.setTitle("Chronoscope workbench");
        // The Models perspective edits the store emulate children read by default, so a re-run uses its active versions.
        PerspectiveSwitch perspectives = new PerspectiveSwitch(new WorkbenchView(vm), () -> (models = ModelsPerspective.open(
                StoreLocation.defaultPath(), CommandLineCalibration.of(ChronoscopeHome.fromSystemProperty()),
                new RerunWithModels(vm, new DialogRunPicker()))).node());
        stage.setScene(scene(perspectives, 1600, 1000));
        stage.getIcons().addAll(appIcons());
        stage.show();
    }

    @Override
    public void stop() {
        if (models != null) models.close();
        if (launcher != null) launcher.close();
        if (executor != null) executor.close();
    }

    /**
     * Where runs come from: {@code chronoscope emulate} child processes of the installation in
     * {@code chronoscope.home}, run folders under {@code chronoscope.runs} (default ~/chronoscope-runs).
     */
    static EmulateRunLauncher runLauncher() {
        String runs = System.getProperty("chronoscope.runs");
        return new EmulateRunLauncher(ChronoscopeHome.fromSystemProperty(),
                runs != null ? Path.of(runs) : Path.of(System.getProperty("user.home"), "chronoscope-runs"));
    }

    /** A scene with the workbench stylesheet. */
    public static Scene scene(javafx.scene.Parent root, double width, double height) {
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets().add(Objects.requireNonNull(WorkbenchApp.class.getResource("workbench.css")).toExternalForm());
        return scene;
    }

    /** The application icon in every size the icons jar holds. */
    public static java.util.List<Image> appIcons() {
        java.util.List<Image> icons = new java.util.ArrayList<>();
        for (int size : ICON_SIZES) {
            InputStream in = WorkbenchApp.class.getResourceAsStream("/dev/chronoscope/icons/app/chronoscope-" + size + ".png");
            if (in != null) icons.add(new Image(in));
        }
        return icons;
    }
}
