package dev.chronoscope.app.models.tour;

import dev.chronoscope.app.WorkbenchApp;
import dev.chronoscope.app.models.CommandLineCalibration;
import dev.chronoscope.app.models.DialogRunPicker;
import dev.chronoscope.app.models.ModelsPerspective;
import dev.chronoscope.app.models.PerspectiveSwitch;
import dev.chronoscope.app.models.RerunWithModels;
import dev.chronoscope.app.runs.ScenarioField;
import dev.chronoscope.app.runs.emulate.ChronoscopeHome;
import dev.chronoscope.app.runs.emulate.EmulateRunLauncher;
import dev.chronoscope.app.task.FxTaskExecutor;
import dev.chronoscope.app.view.WorkbenchView;
import dev.chronoscope.app.viewmodel.RunState;
import dev.chronoscope.app.viewmodel.RunViewModel;
import dev.chronoscope.app.viewmodel.WorkbenchViewModel;
import dev.chronoscope.emulator.models.form.LinearModel;
import dev.chronoscope.emulator.models.store.ModelVersion;
import dev.chronoscope.emulator.models.store.StoreLocation;
import dev.chronoscope.modeleditor.task.TaskHandle;
import dev.chronoscope.modeleditor.viewmodel.KernelEditorViewModel;
import dev.chronoscope.modeleditor.viewmodel.KernelKey;
import dev.chronoscope.modeleditor.viewmodel.SampleSource;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Screenshots of the Models perspective inside the workbench and of a real "re-run with this model":
 * a real emulation (llama-3-8b on 1×H100-SXM, 100 prompts at 8 req/s), then, in the Models
 * perspective, the Vidur H100 Llama-2-7B profile imported, h100-sxm/mlp_up_proj's coefficients scaled
 * by 1.5 by hand (a what-if), saved as a version and activated, then the re-run and its comparison.
 * Not a test: {@code ModelsPerspectiveTour VIDUR_DIR OUT_DIR} under xvfb-run with {@code XDG_DATA_HOME}
 * set to a scratch folder, so the models store it edits (the one emulate reads) is not the user's
 * (the command is in docs/workbench.md).
 */
public final class ModelsPerspectiveTour {
    private static final KernelKey KERNEL = new KernelKey("h100-sxm", "mlp_up_proj");
    private static final double WHAT_IF_FACTOR = 1.5;
    private static WorkbenchViewModel vm;
    private static PerspectiveSwitch perspectives;
    private static ModelsPerspective models;
    private static Scene scene;

    public static void main(String[] args) {
        int status = 0;
        try {
            tour(args);
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        } finally {
            if (models != null) Platform.runLater(models::close);
            Platform.exit();
        }
        System.exit(status); // the launcher's child watchers are daemon threads; nothing else may keep the JVM
    }

    private static void tour(String[] args) throws Exception {
        String xdg = System.getenv("XDG_DATA_HOME");
        if (xdg == null || xdg.isBlank()) {
            System.err.println("set XDG_DATA_HOME to a scratch folder: the tour activates model versions in the store emulate reads");
            System.exit(2);
        }
        Path vidur = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get();
        ChronoscopeHome home = ChronoscopeHome.fromSystemProperty();
        on(() -> {
            vm = new WorkbenchViewModel(new EmulateRunLauncher(home, Files.createTempDirectory("chronoscope-tour-runs")), new FxTaskExecutor());
            perspectives = new PerspectiveSwitch(new WorkbenchView(vm), () -> (models = ModelsPerspective.open(StoreLocation.defaultPath(),
                    CommandLineCalibration.of(home), new RerunWithModels(vm, new DialogRunPicker()))).node());
            scene = WorkbenchApp.scene(perspectives, 1600, 1000);
            Stage stage = new Stage();
            stage.setScene(scene);
            stage.setTitle("Chronoscope workbench");
            stage.show();
            vm.scenario().value(ScenarioField.NUM_PROMPTS).set("100");
            vm.scenario().value(ScenarioField.REQUEST_RATE).set("8");
            return vm.launch().orElseThrow();
        });
        RunViewModel original = vm.runs().getFirst();
        await(() -> !original.state().isLive(), 600, original.name() + " did not end");
        if (original.state() != RunState.FINISHED) {
            original.model().console().tail(60).forEach(System.err::println);
            throw new IllegalStateException(original.name() + " " + original.state() + ": " + original.model().message());
        }

        TaskHandle imported = on(() -> {
            perspectives.show(true);
            return models.pane().viewModel().sources().importSamples(SampleSource.VIDUR,
                    vidur.resolve("profiling/compute/h100/meta-llama/Llama-2-7b-hf"), "h100-sxm");
        });
        await(() -> imported.state().isDone(), 120, "the import did not finish");
        KernelEditorViewModel editor = models.pane().viewModel().editor();
        on(() -> { models.pane().view().browser().reveal(KERNEL); return null; });
        await(() -> KERNEL.equals(editor.kernelProperty().get()) && !editor.samples().isEmpty(), 60, "the kernel did not open");
        ModelVersion parent = on(editor::shownVersion);
        on(() -> {
            LinearModel m = (LinearModel) editor.model();
            for (int i = 0; i < m.features().size(); i++) editor.setCoefficient(m.features().get(i), m.coefficients()[i] * WHAT_IF_FACTOR);
            editor.saveEdited("what if mlp_up_proj were 1.5× slower on h100-sxm");
            return null;
        });
        await(() -> editor.shownVersion() != null && editor.shownVersion().id() != parent.id(), 60, "the edit was not saved");
        on(() -> { editor.activate(editor.shownVersion()); return null; });
        await(() -> editor.activeVersionId() == editor.shownVersion().id(), 60, "the version was not activated");
        on(() -> { models.pane().view().tabs().getSelectionModel().select(1); return null; });
        shoot(out, "workbench-models-perspective");

        on(() -> { models.pane().viewModel().rerun().rerun(); return null; });
        await(() -> models.pane().viewModel().rerun().comparisonProperty().get() != null, 600, "the re-run did not finish");
        shoot(out, "workbench-rerun-comparison");
        on(() -> { perspectives.show(false); return null; });
        shoot(out, "workbench-rerun-in-run-list");
    }

    /** A tool, not a test: polls the condition on the FX thread until it holds or time runs out. */
    private static void await(Callable<Boolean> condition, int seconds, String failure) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!on(condition)) {
            if (System.nanoTime() > deadline) throw new IllegalStateException(failure);
            Thread.sleep(100);
        }
    }

    private static void shoot(Path out, String name) throws Exception {
        for (int i = 0; i < 6; i++) {
            Thread.sleep(150); // let the UI ticks and coalesced redraws happen
            on(() -> { vm.refresh(); return null; });
        }
        WritableImage image = on(() -> scene.snapshot(null));
        File file = out.resolve(name + ".png").toFile();
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file);
        System.out.println("wrote " + file);
    }

    private static <T> T on(Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }
}
