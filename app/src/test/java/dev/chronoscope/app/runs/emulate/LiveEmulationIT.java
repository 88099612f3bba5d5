package dev.chronoscope.app.runs.emulate;

import dev.chronoscope.app.WorkbenchApp;
import dev.chronoscope.app.runs.RunModel;
import dev.chronoscope.app.runs.ScenarioField;
import dev.chronoscope.app.support.Fx;
import dev.chronoscope.app.task.FxTaskExecutor;
import dev.chronoscope.app.timeline.TimelineRow;
import dev.chronoscope.app.view.WorkbenchView;
import dev.chronoscope.app.viewmodel.RunState;
import dev.chronoscope.app.viewmodel.RunViewModel;
import dev.chronoscope.app.viewmodel.WorkbenchViewModel;
import dev.chronoscope.emulator.stream.RunFolder;
import dev.chronoscope.emulator.stream.codec.StreamReader;
import dev.chronoscope.emulator.stream.columnar.KernelStore;
import dev.chronoscope.emulator.stream.columnar.KernelTrack;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real emulations launched from the workbench: {@code chronoscope emulate} child JVMs of the built
 * installation (engine, emulator and agent jars under {@code chronoscope.home}, which the app's
 * pom points at the reactor root). Runs in the {@code integration-test} phase, after every module
 * is packaged ({@code ./mvnw verify}); without the jars it is skipped with a message saying so.
 */
@Tag("live")
@ExtendWith(ApplicationExtension.class)
class LiveEmulationIT {
    private static final ChronoscopeHome HOME = ChronoscopeHome.fromSystemProperty();
    @TempDir
    static Path runs;
    private final FxTaskExecutor executor = new FxTaskExecutor();
    private EmulateRunLauncher launcher;
    private WorkbenchViewModel vm;

    @BeforeAll
    static void requireBuiltInstallation() {
        assumeTrue(HOME.missingJar() == null, () -> "SKIPPED: " + HOME.missingJar()
                + " is missing; these tests run real emulations and need ./mvnw package first (./mvnw verify runs them)");
    }

    @Start
    void start(Stage stage) {
        launcher = new EmulateRunLauncher(HOME, runs);
        vm = new WorkbenchViewModel(launcher, executor);
        stage.setScene(WorkbenchApp.scene(new WorkbenchView(vm), 1400, 900));
        stage.show();
    }

    @AfterEach
    void close() {
        launcher.close();
        executor.close();
    }

    /** Launches tiny with these knobs (TP as the editor has it: 1 unless a test set it). */
    private RunViewModel launchTiny(FxRobot robot, int prompts, double rate) {
        Fx.call(() -> {
            Map.of(ScenarioField.MODEL, "tiny", ScenarioField.NUM_PROMPTS, String.valueOf(prompts),
                    ScenarioField.REQUEST_RATE, String.valueOf(rate), ScenarioField.MAX_NUM_SEQS, "16",
                    ScenarioField.MAX_NUM_BATCHED_TOKENS, "2048").forEach((f, v) -> vm.scenario().value(f).set(v));
            return null;
        });
        robot.clickOn("#run-launch");
        WaitForAsyncUtils.waitForFxEvents();
        return vm.runs().getLast();
    }

    private static void await(int seconds, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
    }

    @Test
    void twoRealEmulationsAtOnceStreamEveryEventLiveIntoTheirOwnDashboardAndTimeline(FxRobot robot) throws Exception {
        RunViewModel first = launchTiny(robot, 20, 20);
        Fx.call(() -> { vm.scenario().value(ScenarioField.TENSOR_PARALLEL).set("2"); return null; });
        RunViewModel second = launchTiny(robot, 12, 20);
        await(180, () -> !first.state().isLive() && !second.state().isLive());

        assertThat(first.model().folder()).isNotEqualTo(second.model().folder());
        for (RunViewModel run : java.util.List.of(first, second)) {
            assertThat(run.state()).as(run.errorProperty().get()).isEqualTo(RunState.FINISHED);
            RunModel model = run.model();
            Path folder = model.folder();
            assertThat(folder.getParent()).isEqualTo(runs.toAbsolutePath());
            assertThat(folder.resolve("stream.bin")).isRegularFile();
            await(60, () -> Files.isRegularFile(folder.resolve("result.json")));
            assertThat(model.eventCount()).as("every event of the run folder arrived live").isEqualTo(eventsIn(folder));
            assertThat(model.timeline().rows()).as("the engine's device streams and its host lane")
                    .extracting(TimelineRow::name).contains("default", "stream-1").anyMatch(n -> n.startsWith("host:"));
            assertThat(Fx.call(() -> run.dashboard().virtualSecondsProperty().get())).isPositive();
            assertThat(model.console().lines()).anyMatch(l -> l.contains("Serving Benchmark Result"));
        }
        assertThat(Fx.call(() -> first.dashboard().completedProperty().get())).isEqualTo(20);
        assertThat(Fx.call(() -> second.dashboard().completedProperty().get())).isEqualTo(12);
        assertThat(second.model().ranks()).hasSize(2);
    }

    @Test
    void pauseStepByVirtualTimeStepOneEngineStepAndResume(FxRobot robot) throws Exception {
        RunViewModel run = launchTiny(robot, 40, 10);
        Fx.call(() -> { run.pause(); return null; });
        await(120, () -> run.model().heldAt() >= 0);
        long paused = run.model().heldAt();
        await(10, () -> run.state() == RunState.PAUSED);

        Fx.call(() -> { run.stepBy(2_000_000); return null; });
        await(60, () -> run.model().heldAt() != paused);
        long stepped = run.model().heldAt();
        assertThat(stepped).as("held within the 2 ms step").isGreaterThan(paused).isLessThanOrEqualTo(paused + 2_000_000);

        int stepsBefore = run.model().steps().snapshot().times().length;
        Fx.call(() -> { run.step(); return null; });
        await(60, () -> run.model().heldAt() != stepped);
        assertThat(run.model().heldAt()).as("held at the next engine step").isGreaterThan(stepped);
        assertThat(run.state()).isEqualTo(RunState.PAUSED);

        Fx.call(() -> { run.resume(); return null; });
        await(180, () -> !run.state().isLive());
        assertThat(run.state()).as(run.errorProperty().get()).isEqualTo(RunState.FINISHED);
        assertThat(run.model().steps().snapshot().times().length).isGreaterThan(stepsBefore);
        assertThat(run.model().heldAt()).isEqualTo(-1);
    }

    @Test
    void stopEndsTheRunAndItsFolderIsComplete(FxRobot robot) throws Exception {
        RunViewModel run = launchTiny(robot, 40, 10);
        Fx.call(() -> { run.pause(); return null; });
        await(120, () -> run.model().heldAt() >= 0);
        Fx.call(() -> { run.stop(); return null; });
        // The exit line and the state change reach the view-model separately; wait for both.
        await(60, () -> !run.state().isLive()
                && run.model().console().lines().stream().anyMatch(l -> l.startsWith("(chronoscope emulate exited")));

        assertThat(run.state()).isEqualTo(RunState.STOPPED);
        assertThat(run.errorProperty().get()).isEmpty();
        assertThat(run.model().message()).contains("was stopped");
        Path folder = run.model().folder();
        assertThat(folder.resolve("stream.bin")).as("the agent completed the folder").isRegularFile();
        assertThat(run.model().eventCount()).isEqualTo(eventsIn(folder));
    }

    @Test
    void anEngineJvmThatDiesFailsItsRunWithTheReasonAndTheWindowGoesOn(FxRobot robot) throws Exception {
        RunViewModel run = launchTiny(robot, 40, 10);
        Fx.call(() -> { run.pause(); return null; });
        await(120, () -> run.model().heldAt() >= 0);
        ProcessHandle engine = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("interposer-agent"))
                .findFirst().orElseThrow();
        engine.destroyForcibly();
        await(60, () -> run.errorProperty().get().contains("exited with status"));
        assertThat(run.state()).isEqualTo(RunState.FAILED);

        assertThat(run.errorProperty().get()).contains("exited with status", "died with exit status 137");
        Label banner = robot.lookup("#run-error").queryAs(Label.class);
        assertThat(banner.isVisible()).isTrue();
        assertThat(banner.getText()).contains("died with exit status 137");
        RunViewModel next = launchTiny(robot, 4, 20);
        await(180, () -> !next.state().isLive());
        assertThat(next.state()).as(next.errorProperty().get()).isEqualTo(RunState.FINISHED);
    }

    /** Events in the folder's stream file plus kernels in its columnar store. */
    private static long eventsIn(Path folder) {
        RunFolder run = RunFolder.at(folder);
        long n = 0;
        try (StreamReader events = run.openEvents()) {
            for (var e : events) n++;
        }
        try (KernelStore kernels = run.openKernels()) {
            for (KernelTrack t : kernels.tracks()) n += t.size();
        }
        return n;
    }
}
