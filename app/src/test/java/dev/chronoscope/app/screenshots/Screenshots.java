package dev.chronoscope.app.screenshots;

import dev.chronoscope.app.WorkbenchApp;
import dev.chronoscope.app.runs.ScenarioField;
import dev.chronoscope.app.runs.emulate.ChronoscopeHome;
import dev.chronoscope.app.runs.emulate.EmulateRunLauncher;
import dev.chronoscope.app.task.FxTaskExecutor;
import dev.chronoscope.app.view.timeline.TimelineView;
import dev.chronoscope.app.view.WorkbenchView;
import dev.chronoscope.app.viewmodel.RunState;
import dev.chronoscope.app.viewmodel.RunViewModel;
import dev.chronoscope.app.viewmodel.TimelineViewModel;
import dev.chronoscope.app.viewmodel.WorkbenchViewModel;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

import javax.imageio.ImageIO;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Saves a 1600×1000 screenshot of every workbench view into a folder (default docs/screenshots),
 * from three REAL emulations ({@code chronoscope emulate} children of the installation in
 * {@code -Dchronoscope.home}, run folders in a temporary directory). Run it under a display, e.g. {@code xvfb-run -s "-screen 0 1600x1000x24"};
 * the command is in docs/workbench.md.
 */
public final class Screenshots {
    private static WorkbenchView view;
    private static WorkbenchViewModel vm;
    private static Scene scene;

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/screenshots");
        Files.createDirectories(out);
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get();
        on(() -> {
            vm = new WorkbenchViewModel(new EmulateRunLauncher(ChronoscopeHome.fromSystemProperty(),
                    Files.createTempDirectory("chronoscope-screenshots")), new FxTaskExecutor());
            view = new WorkbenchView(vm);
            scene = WorkbenchApp.scene(view, 1600, 1000);
            Stage stage = new Stage();
            stage.setScene(scene);
            stage.getIcons().addAll(WorkbenchApp.appIcons());
            stage.setTitle("Chronoscope workbench");
            stage.show();
            return null;
        });
        on(() -> {
            vm.scenario().value(ScenarioField.NUM_PROMPTS).set("100");
            vm.scenario().value(ScenarioField.REQUEST_RATE).set("8");
            return vm.launch().orElseThrow();
        });
        RunViewModel a = vm.runs().getFirst();
        awaitFinished(a);
        RunViewModel b = on(() -> {
            vm.scenario().value(ScenarioField.GPU).set("a40");
            vm.scenario().value(ScenarioField.TENSOR_PARALLEL).set("2");
            vm.scenario().value(ScenarioField.GPU_MEMORY_UTILIZATION).set("0.3");
            vm.scenario().value(ScenarioField.REQUEST_RATE).set("8");
            vm.scenario().value(ScenarioField.SEED).set("1");
            return vm.launch().orElseThrow();
        });
        awaitVirtualTime(b, 10e9);
        on(() -> { b.pause(); return null; });
        awaitHeld(b);
        shoot(out, "dashboard-live", 1, () -> select(b, 0));
        on(() -> { b.resume(); return null; });
        awaitFinished(b);

        shoot(out, "dashboard", 1, () -> select(b, 0));
        shoot(out, "timeline", 2, () -> select(b, 1));
        shoot(out, "timeline-zoomed", 2, () -> {
            TimelineViewModel t = b.timeline();
            double s = t.data().startTime() + (t.data().endTime() - t.data().startTime()) * 0.42;
            t.zoomTo(s, s + 2_400_000);
            TimelineView tv = view.viewsOf(b).timeline().view();
            int id = -1;
            for (double y = 30; y < 200 && id < 0; y += 4) id = tv.spanAt(tv.getWidth() * 0.45, y);
            if (id >= 0) t.select(id);
            return null;
        });
        shoot(out, "timeline-search", 2, () -> {
            b.timeline().searchProperty().set("attn_decode");
            b.timeline().selectNextMatch();
            return null;
        });
        shoot(out, "requests", 2, () -> select(b, 2));
        RunViewModel shared = on(() -> vm.open(emulateSharedPrefixRun()));
        awaitFinished(shared);
        shoot(out, "kv-cache", 2, () -> select(shared, 3));
        shoot(out, "console", 2, () -> select(b, 5));
        shoot(out, "report-compare", 3, () -> {
            vm.report().runAProperty().set(a);
            vm.report().runBProperty().set(b);
            return select(b, 4);
        });
        shoot(out, "scenario-errors", 1, () -> {
            select(a, 0);
            vm.scenario().value(ScenarioField.MODEL).set("qwen2-7b");
            vm.scenario().value(ScenarioField.TENSOR_PARALLEL).set("8");
            vm.scenario().value(ScenarioField.GPU_MEMORY_UTILIZATION).set("1.3");
            vm.scenario().value(ScenarioField.NUM_PROMPTS).set("many");
            ((javafx.scene.control.Button) view.lookup("#run-launch")).fire();
            return null;
        });
        Platform.exit();
    }

    /**
     * A third real emulation, for the KV map: chat requests behind three long system prompts (a
     * ShareGPT file written here), so prefix caching shares their first blocks. The workbench's
     * scenario editor offers the random dataset only, so this one runs {@code chronoscope emulate}
     * directly and the workbench opens its run folder.
     */
    private static Path emulateSharedPrefixRun() throws Exception {
        Path dir = Files.createTempDirectory("chronoscope-shared-prefix");
        Path dataset = dir.resolve("shared-prefix.json");
        Files.writeString(dataset, SharedPrefixChats.json(60));
        Path folder = dir.resolve("llama-3-8b-shared-prefix");
        List<String> args = List.of("--model", "llama-3-8b", "--gpu", "h100-sxm", "--dataset", "sharegpt",
                "--dataset-path", dataset.toString(), "--num-prompts", "60", "--request-rate", "6", "--seed", "3",
                "--out", folder.toString());
        Process p = new ProcessBuilder(ChronoscopeHome.fromSystemProperty().emulateCommand(args)).inheritIO().start();
        if (p.waitFor() != 0) throw new IllegalStateException("chronoscope emulate " + args + " exited with status " + p.exitValue());
        return folder;
    }

    private static Object select(RunViewModel run, int tab) {
        vm.selectedRunProperty().set(run);
        view.tabs().getSelectionModel().select(tab);
        return null;
    }

    private static void awaitVirtualTime(RunViewModel run, double ns) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (run.model().virtualTime() < ns) {
            if (System.nanoTime() > deadline) throw new IllegalStateException(run.name() + " did not reach " + ns + " ns");
            Thread.sleep(20);
        }
    }

    private static void awaitHeld(RunViewModel run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (run.model().heldAt() < 0) {
            if (System.nanoTime() > deadline) throw new IllegalStateException(run.name() + " did not pause");
            Thread.sleep(20);
        }
    }

    private static void awaitFinished(RunViewModel run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (on(run::state) != RunState.FINISHED) {
            if (System.nanoTime() > deadline) throw new IllegalStateException(run.name() + " did not finish: " + on(run::state));
            Thread.sleep(100);
        }
    }

    /** Applies {@code setup}, lets a few UI ticks pass so every view redraws, then saves the scene. */
    private static void shoot(Path out, String name, int ticks, Callable<?> setup) throws Exception {
        on(setup);
        for (int i = 0; i < ticks * 3; i++) {
            Thread.sleep(120);
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
