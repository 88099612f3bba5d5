package dev.chronoscope.app.view;

import dev.chronoscope.app.WorkbenchApp;
import dev.chronoscope.app.dashboard.DashboardView;
import dev.chronoscope.app.runs.ScenarioField;
import dev.chronoscope.app.support.Events;
import dev.chronoscope.app.support.RecordingLauncher;
import dev.chronoscope.app.task.FxTaskExecutor;
import dev.chronoscope.app.viewmodel.RunState;
import dev.chronoscope.app.viewmodel.RunViewModel;
import dev.chronoscope.app.viewmodel.WorkbenchViewModel;
import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The whole window, with a real background executor and a test launcher. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchViewTest {
    private final RecordingLauncher launcher = new RecordingLauncher();
    private final FxTaskExecutor executor = new FxTaskExecutor();
    private WorkbenchViewModel vm;
    private WorkbenchView view;

    @Start
    void start(Stage stage) {
        vm = new WorkbenchViewModel(launcher, executor);
        view = new WorkbenchView(vm);
        stage.setScene(WorkbenchApp.scene(view, 1000, 900));
        stage.show();
    }

    @AfterEach
    void closeExecutor() {
        executor.close();
    }

    private RunViewModel launchAndWait(FxRobot robot) throws Exception {
        robot.clickOn("#run-launch");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !vm.runs().isEmpty() && vm.runs().getLast().state() != RunState.LAUNCHING);
        return vm.runs().getLast();
    }

    private static void replace(FxRobot robot, ScenarioField field, String text) {
        robot.clickOn("#" + ScenarioEditorView.fieldId(field)).push(KeyCode.CONTROL, KeyCode.A).write(text);
    }

    @Test
    void badScenarioInputShowsInlineErrorsAndLaunchesNothing(FxRobot robot) {
        replace(robot, ScenarioField.TENSOR_PARALLEL, "3");
        replace(robot, ScenarioField.GPU_MEMORY_UTILIZATION, "abc");

        robot.clickOn("#run-launch");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#" + ScenarioEditorView.errorId(ScenarioField.TENSOR_PARALLEL)).queryAs(Label.class))
                .satisfies(l -> {
                    assertThat(l.isVisible()).isTrue();
                    assertThat(l.getText()).isEqualTo("TP 3 must divide the 32 attention heads of llama-3-8b");
                });
        assertThat(robot.lookup("#" + ScenarioEditorView.errorId(ScenarioField.GPU_MEMORY_UTILIZATION)).queryAs(Label.class).getText())
                .isEqualTo("expected a number, got 'abc'");
        assertThat(robot.lookup("#" + ScenarioEditorView.fieldId(ScenarioField.TENSOR_PARALLEL)).queryAs(TextField.class).getStyleClass())
                .contains("invalid");
        assertThat(robot.lookup("#" + ScenarioEditorView.errorId(ScenarioField.SEED)).queryAs(Label.class).isVisible()).isFalse();
        assertThat(launcher.launched).isEmpty();
        assertThat(vm.runs()).isEmpty();
        assertThat(robot.lookup("#launch-message").queryAs(Label.class).getText()).contains("Fix the fields");
    }

    @Test
    void tilesUpdateWhenEventsArrive(FxRobot robot) throws Exception {
        RunViewModel run = launchAndWait(robot);
        DashboardView dashboard = view.viewsOf(run).dashboard();
        assertThat(dashboard.tile("running").getValue()).isZero();

        EventSink sink = launcher.sinks.getFirst();
        Thread feeder = new Thread(() -> {
            Events.requests(new double[]{100, 300}, 11).forEach(sink::accept);
            sink.accept(new StreamEvent.SchedulerStep(2_000_000_000L, 7, List.of(), 7, 3, 30, 70, 0));
            sink.accept(new StreamEvent.MetricsSnapshot(2_000_000_000L, Map.of()));
        });
        feeder.start();
        feeder.join();

        // The last event moves virtual time to 2 s: once the tile shows that, every tile shows the final state.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> dashboard.tile("virtual-time").getValue() == 2.0);
        WaitForAsyncUtils.waitForFxEvents(); // the rest of that refresh
        assertThat(dashboard.tile("running").getValue()).isEqualTo(7);
        assertThat(dashboard.tile("waiting").getValue()).isEqualTo(3);
        assertThat(dashboard.tile("kv-usage").getValue()).isCloseTo(30.0, within(1e-9));
        assertThat(dashboard.tile("ttft-p50").getValue()).isCloseTo(200.0, within(1e-9));
        assertThat(dashboard.tile("tpot-p50").getValue()).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void aLauncherFailureShowsAnErrorInTheRunsViewAndTheAppStaysUsable(FxRobot robot) throws Exception {
        launcher.failNextWith(new IOException("chronoscope emulate exited with status 2: no model store at /nowhere"));

        RunViewModel failed = launchAndWait(robot);

        assertThat(failed.state()).isEqualTo(RunState.FAILED);
        Label banner = robot.lookup("#run-error").queryAs(Label.class);
        assertThat(banner.isVisible()).isTrue();
        assertThat(banner.getText()).isEqualTo("Launch failed: chronoscope emulate exited with status 2: no model store at /nowhere");
        assertThat(robot.lookup("#run-stop").queryButton().isDisabled()).isTrue();

        replace(robot, ScenarioField.SEED, "9");
        RunViewModel next = launchAndWait(robot);
        assertThat(next.state()).isEqualTo(RunState.RUNNING);
        assertThat(next.scenario().seed()).isEqualTo(9);
        assertThat(banner.isVisible()).isFalse();
    }

    @Test
    void aRunThatFailsAfterStartingSaysWhy(FxRobot robot) throws Exception {
        RunViewModel run = launchAndWait(robot);
        launcher.sinks.getFirst().accept(new StreamEvent.RunEnd(5, "error", "rank 1 disconnected from the coordinator"));

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> run.state() == RunState.FAILED);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#run-error").queryAs(Label.class).getText())
                .isEqualTo("Run failed: rank 1 disconnected from the coordinator");
    }

    @Test
    void runControlsReachTheLauncherAndFollowTheRunsState(FxRobot robot) throws Exception {
        RunViewModel run = launchAndWait(robot);

        robot.clickOn("#run-pause");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> run.state() == RunState.PAUSED);
        robot.clickOn("#run-step");
        robot.clickOn("#run-resume");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> run.state() == RunState.RUNNING);
        robot.clickOn("#run-stop");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> run.state() == RunState.STOPPED);

        assertThat(launcher.controls).containsExactly("pause", "step", "resume", "stop");
        assertThat(robot.lookup("#run-pause").queryButton().isDisabled()).isTrue();
    }
}
