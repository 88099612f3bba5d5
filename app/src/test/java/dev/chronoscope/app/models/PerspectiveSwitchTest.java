package dev.chronoscope.app.models;

import dev.chronoscope.app.WorkbenchApp;
import dev.chronoscope.app.support.RecordingLauncher;
import dev.chronoscope.app.task.FxTaskExecutor;
import dev.chronoscope.app.view.WorkbenchView;
import dev.chronoscope.app.viewmodel.RunState;
import dev.chronoscope.app.viewmodel.RunViewModel;
import dev.chronoscope.app.viewmodel.WorkbenchViewModel;
import dev.chronoscope.emulator.models.store.ModelStore;
import dev.chronoscope.modeleditor.CalibrationService;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Runs | Models switch over the real workbench view and a real models store in a temp folder. */
@ExtendWith(ApplicationExtension.class)
class PerspectiveSwitchTest {
    @TempDir static Path dir;
    private final RecordingLauncher launcher = new RecordingLauncher();
    private final FxTaskExecutor executor = new FxTaskExecutor();
    private WorkbenchViewModel vm;
    private WorkbenchView runsView;
    private PerspectiveSwitch perspectives;
    private ModelsPerspective models;
    private Path storeFile;

    @Start
    void start(Stage stage) throws Exception {
        storeFile = Files.createTempDirectory(dir, "store").resolve("models.db");
        vm = new WorkbenchViewModel(launcher, executor);
        runsView = new WorkbenchView(vm);
        perspectives = new PerspectiveSwitch(runsView, () -> (models = ModelsPerspective.open(storeFile,
                CalibrationService.notAvailable("not in this test"), new RerunWithModels(vm, runs -> Optional.empty()))).node());
        stage.setScene(WorkbenchApp.scene(perspectives, 1000, 900));
        stage.show();
    }

    @AfterEach
    void close() {
        if (models != null) models.close();
        executor.close();
    }

    @Test
    void switchingPerspectivesKeepsTheRunList(FxRobot robot) throws Exception {
        robot.clickOn("#run-launch");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !vm.runs().isEmpty() && vm.runs().getFirst().state() == RunState.RUNNING);
        RunViewModel run = vm.runs().getFirst();
        assertThat(models).isNull(); // the store opens only with the perspective

        robot.clickOn("#perspective-models");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(perspectives.showsModels()).isTrue();
        assertThat(models.node().isVisible()).isTrue();
        assertThat(runsView.isVisible()).isFalse();
        assertThat(models.storeFile()).isEqualTo(storeFile);
        assertThat(models.pane().viewModel().rerun().handlerProperty().get()).isInstanceOf(RerunWithModels.class);

        robot.clickOn("#perspective-runs");
        robot.clickOn("#perspective-runs"); // clicking the shown perspective again keeps it shown
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(perspectives.showsModels()).isFalse();
        assertThat(runsView.isVisible()).isTrue();
        assertThat(models.node().isVisible()).isFalse();
        ListView<?> runList = robot.lookup("#run-list").queryAs(ListView.class);
        assertThat(List.<Object>copyOf(runList.getItems())).containsExactly(run);
        assertThat(runList.getSelectionModel().getSelectedItem()).isSameAs(run);
        assertThat(vm.selectedRun()).isSameAs(run);
    }

    @Test
    void theModelsPerspectiveOpensTheStoreSeededWithTheShippedDefaults(FxRobot robot) {
        robot.clickOn("#perspective-models");
        WaitForAsyncUtils.waitForFxEvents();
        models.close();
        Node shown = models.node();
        models = null;

        try (ModelStore store = ModelStore.open(storeFile)) {
            assertThat(store.activeVersions()).isNotEmpty();
        }
        assertThat(shown.isVisible()).isTrue();
    }

    @Test
    void aStoreThatCannotOpenIsExplainedInThePerspective(FxRobot robot) throws Exception {
        Files.createDirectories(storeFile); // a folder where the store file should be

        robot.clickOn("#perspective-models");
        WaitForAsyncUtils.waitForFxEvents();

        Label error = robot.lookup("#models-error").queryAs(Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).startsWith("The Models perspective could not open: ").contains(storeFile.toString());
        assertThat(models).isNull();
    }
}
