package dev.chronoscope.modeleditor.tour;

import dev.chronoscope.emulator.models.defaults.DefaultModels;
import dev.chronoscope.emulator.models.store.ModelStore;
import dev.chronoscope.emulator.models.store.ModelVersion;
import dev.chronoscope.modeleditor.CalibrationService;
import dev.chronoscope.modeleditor.ModelEditorPane;
import dev.chronoscope.modeleditor.plot.Lasso;
import dev.chronoscope.modeleditor.plot.XYPlot;
import dev.chronoscope.modeleditor.task.BackgroundTaskExecutor;
import dev.chronoscope.modeleditor.task.TaskHandle;
import dev.chronoscope.modeleditor.viewmodel.KernelEditorViewModel;
import dev.chronoscope.modeleditor.viewmodel.KernelKey;
import dev.chronoscope.modeleditor.viewmodel.SampleSource;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Takes the documentation screenshots: the editor at 1600×1000 on a temporary store seeded with
 * the shipped defaults plus public Vidur H100 profiles, through a scripted session that uses the
 * production background executor (each step waits for the worker to drain). Not a test:
 * {@code ScreenshotTour VIDUR_DIR OUT_DIR}, under xvfb-run (see docs/model-editor.md).
 */
public final class ScreenshotTour {
    private static Path vidur, out;
    private static BackgroundTaskExecutor executor;

    public static void main(String[] args) {
        vidur = Path.of(args[0]);
        out = Path.of(args[1]);
        Application.launch(App.class);
    }

    /** The window; a nested class because a main class that extends Application fails on the classpath. */
    public static final class App extends Application {
        @Override public void start(Stage stage) throws Exception {
            ScreenshotTour.start(stage);
        }
    }

    private static void start(Stage stage) throws Exception {
        Path dir = Files.createTempDirectory("chronoscope-tour");
        ModelStore store = ModelStore.open(dir.resolve("models.db"));
        DefaultModels.load().seedIfEmpty(store);
        executor = new BackgroundTaskExecutor();
        ModelEditorPane pane = ModelEditorPane.create(store, executor, d -> java.util.Optional.empty(),
                CalibrationService.notAvailable("cpu-local calibration (chronoscope calibrate) is not part of this build yet"));
        Scene scene = new Scene((Parent) pane.node(), 1600, 1000);
        stage.setScene(scene);
        stage.show();
        var vm = pane.viewModel();
        KernelEditorViewModel editor = vm.editor();
        Files.createDirectories(out);

        Thread script = new Thread(() -> {
            try {
                fx(() -> {
                    vm.sources().importSamples(SampleSource.VIDUR, vidur.resolve("profiling/compute/h100/meta-llama/Llama-2-7b-hf"), "h100-sxm");
                    vm.sources().importSamples(SampleSource.VIDUR, vidur.resolve("profiling/compute/h100/meta-llama/Llama-2-70b-hf"), "h100-sxm");
                    vm.sources().importSamples(SampleSource.VIDUR, vidur.resolve("profiling/network/h100_dgx/all_reduce.csv"), "h100-sxm");
                });
                fx(() -> pane.view().browser().reveal(new KernelKey("h100-sxm", "mlp_up_proj")));
                shoot(scene, "model-editor-overview.png");

                fx(() -> {
                    XYPlot residuals = pane.view().plots().residualPlot();
                    Lasso lasso = new Lasso();
                    double w = residuals.getWidth(), h = residuals.getHeight();
                    lasso.add(66, 28);
                    lasso.add(w * 0.30, 28);
                    lasso.add(w * 0.30, h - 40);
                    lasso.add(66, h - 40);
                    editor.selection().select(residuals.idsInside(lasso), false);
                });
                shoot(scene, "model-editor-brushing.png");

                fx(() -> {
                    editor.exclude(editor.selection().ids(), "launch-bound: 1–4 tokens");
                    editor.selection().clear();
                    pane.view().tabs().getSelectionModel().select(1);
                });
                shoot(scene, "model-editor-excluded.png");

                fx(editor::refit);
                shoot(scene, "model-editor-refit-diff.png");

                fx(() -> {
                    ModelVersion first = editor.versions().getFirst();
                    editor.compareWith(first);
                });
                shoot(scene, "model-editor-compare.png");

                fx(() -> {
                    pane.view().browser().reveal(new KernelKey("h100-sxm", "all_reduce"));
                    pane.view().tabs().getSelectionModel().select(1);
                });
                shoot(scene, "model-editor-collective.png");

                fx(() -> {
                    pane.view().tabs().getSelectionModel().select(3);
                    try {
                        Path bad = Files.writeString(dir.resolve("samples.csv"), "kernel,duration_ns,num_tokens\nadd,1200,16\nadd,fast,32\n");
                        vm.sources().importSamples(SampleSource.PROJECT, bad, "cpu-local");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                shoot(scene, "model-editor-import-error.png");
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                Platform.runLater(() -> {
                    executor.close();
                    store.close();
                    Platform.exit();
                });
            }
        }, "screenshot-script");
        script.setDaemon(true);
        script.start();
    }

    private static void fx(Runnable r) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                r.run();
            } finally {
                done.countDown();
            }
        });
        if (!done.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("FX step did not finish");
        awaitWorker();
        awaitWorker(); // results may have submitted follow-up work (a reload, a browser refresh)
        // A tool, not a test: give layout and the coalesced plot redraws a few pulses.
        Thread.sleep(600);
    }

    /** Waits until the worker has done everything submitted so far and its results reached the FX thread. */
    private static void awaitWorker() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            TaskHandle barrier = executor.submit("barrier", ctx -> null, x -> done.countDown(), e -> done.countDown());
            if (barrier.state().isDone()) done.countDown();
        });
        if (!done.await(120, TimeUnit.SECONDS)) throw new IllegalStateException("background work did not finish");
    }

    private static void shoot(Scene scene, String name) throws Exception {
        fx(() -> {
            try {
                ImageIO.write(SwingFXUtils.fromFXImage(scene.snapshot(null), null), "png", out.resolve(name).toFile());
                System.out.println("wrote " + out.resolve(name));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
