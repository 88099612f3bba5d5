package dev.chronoscope.modeleditor.view;

import dev.chronoscope.emulator.models.store.ModelStore;
import dev.chronoscope.emulator.models.store.ModelVersion;
import dev.chronoscope.modeleditor.CalibrationService;
import dev.chronoscope.modeleditor.ModelEditorPane;
import dev.chronoscope.modeleditor.RerunRequest;
import dev.chronoscope.modeleditor.SyntheticStore;
import dev.chronoscope.modeleditor.plot.XYPlot;
import dev.chronoscope.modeleditor.task.CurrentThreadTaskExecutor;
import dev.chronoscope.modeleditor.viewmodel.KernelKey;
import dev.chronoscope.modeleditor.viewmodel.SampleSource;
import javafx.geometry.Point2D;
import javafx.scene.input.MouseButton;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The editor driven through its controls on JavaFX's headless platform, over a real SQLite store. */
@ExtendWith(ApplicationExtension.class)
class ModelEditorViewTest {
    private static final KernelKey KEY = new KernelKey(SyntheticStore.DEVICE, SyntheticStore.KERNEL);
    @TempDir Path dir;
    private ModelStore store;
    private ModelEditorPane pane;

    @Start void start(Stage stage) {
        store = SyntheticStore.create(dir);
        pane = ModelEditorPane.create(store, new CurrentThreadTaskExecutor(), d -> Optional.empty(), CalibrationService.notAvailable("not in this build"));
        stage.setScene(new Scene((Parent) pane.node(), 1000, 900));
        stage.show();
    }

    @AfterEach void close() {
        store.close();
    }

    private void open(FxRobot robot) {
        robot.interact(() -> pane.view().browser().reveal(KEY));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test void excludingAPointClickedInThePlotChangesTheMetricsAndUndoRestoresThem(FxRobot robot) {
        open(robot);
        Label live = robot.lookup("#live-metrics").queryAs(Label.class);
        String before = live.getText();
        assertThat(before).contains("used " + SyntheticStore.SAMPLES + " / " + SyntheticStore.SAMPLES);

        XYPlot fit = pane.view().plots().fitPlot();
        double[] p = fit.pointPosition(SyntheticStore.OUTLIER_INDEX);
        Point2D onScreen = fit.localToScreen(p[0], p[1]);
        robot.clickOn(onScreen);
        assertThat(pane.viewModel().editor().selection().ids()).containsExactly(SyntheticStore.outlierId(store));
        assertThat(pane.view().sampleTable().getSelectionModel().getSelectedItem().id()).isEqualTo(SyntheticStore.outlierId(store));

        robot.interact(() -> robot.lookup("#exclude-reason").queryAs(TextField.class).setText("warm-up run"));
        robot.clickOn("#exclude");
        String after = live.getText();
        assertThat(after).isNotEqualTo(before).contains("used " + (SyntheticStore.SAMPLES - 1) + " / " + SyntheticStore.SAMPLES);
        assertThat(store.samples(KEY.device(), KEY.kernel(), false)).hasSize(SyntheticStore.SAMPLES - 1);
        assertThat(robot.lookup("#undo").queryAs(Button.class).getTooltip().getText()).isEqualTo("Undo Exclude 1 sample");

        robot.clickOn("#undo");
        assertThat(live.getText()).isEqualTo(before);
        assertThat(store.samples(KEY.device(), KEY.kernel(), false)).hasSize(SyntheticStore.SAMPLES);
        robot.clickOn("#redo");
        assertThat(live.getText()).isEqualTo(after);
    }

    @Test void aLassoDraggedInOnePlotSelectsThePointsInsideItEverywhere(FxRobot robot) {
        open(robot);
        XYPlot residuals = pane.view().plots().residualPlot();
        double w = residuals.getWidth(), h = residuals.getHeight();
        double left = 60, right = w * 0.5, top = 20, bottom = h - 35;
        robot.drag(residuals.localToScreen(left, top), MouseButton.PRIMARY)
                .moveTo(residuals.localToScreen(right, top))
                .moveTo(residuals.localToScreen(right, bottom))
                .moveTo(residuals.localToScreen(left, bottom))
                .release(MouseButton.PRIMARY);

        var selected = pane.viewModel().editor().selection().ids();
        assertThat(selected).isNotEmpty().hasSizeLessThan(SyntheticStore.SAMPLES);
        var samples = pane.viewModel().editor().samples();
        for (int i = 0; i < samples.size(); i++) {
            double x = residuals.pointPosition(i)[0];
            boolean inside = x > left + 2 && x < right - 2;
            boolean outside = x < left - 2 || x > right + 2;
            if (inside) assertThat(selected).contains(samples.get(i).id());
            if (outside) assertThat(selected).doesNotContain(samples.get(i).id());
        }
        assertThat(pane.view().sampleTable().getSelectionModel().getSelectedItems()).hasSize(selected.size());
    }

    @Test void theRefitButtonCreatesAChildVersionAndShowsTheDiff(FxRobot robot) {
        open(robot);
        ModelVersion parent = SyntheticStore.active(store);
        robot.interact(() -> pane.viewModel().editor().exclude(List.of(SyntheticStore.outlierId(store)), "outlier"));
        robot.clickOn("Model");
        robot.clickOn("#refit");

        List<ModelVersion> versions = store.versions(KEY.device(), KEY.kernel());
        assertThat(versions).hasSize(2);
        assertThat(versions.getLast().parentId()).isEqualTo(parent.id());
        assertThat(robot.lookup("#diff-view").queryAs(DiffView.class).isVisible()).isTrue();
        assertThat(robot.lookup("#stored-metrics").queryAs(Label.class).getText()).startsWith("shown v" + versions.getLast().id());
    }

    @Test void activationEnablesTheRerunWhoseComparisonTheEditorShows(FxRobot robot) {
        open(robot);
        Button rerun = robot.lookup("#rerun").queryAs(Button.class);
        assertThat(rerun.isDisabled()).as("no workbench attached").isTrue();
        AtomicReference<RerunRequest> asked = new AtomicReference<>();
        robot.interact(() -> pane.setRerunHandler(r -> {
            asked.set(r);
            return CompletableFuture.completedFuture(new Label("TTFT p99 −4 %"));
        }));
        robot.interact(() -> pane.viewModel().editor().exclude(List.of(SyntheticStore.outlierId(store)), "outlier"));
        robot.interact(() -> pane.viewModel().editor().refit());
        long child = pane.viewModel().editor().shownVersion().id();
        assertThat(rerun.isDisabled()).as("nothing activated yet").isTrue();

        robot.clickOn("#activate");
        assertThat(store.active(KEY.device(), KEY.kernel()).orElseThrow().id()).isEqualTo(child);
        assertThat(rerun.isDisabled()).isFalse();
        robot.clickOn("#rerun");

        assertThat(asked.get().activatedVersionIds()).containsExactly(child);
        assertThat(robot.lookup("TTFT p99 −4 %").tryQuery()).isPresent();
        assertThat(rerun.isDisabled()).as("nothing new to re-run with").isTrue();
    }

    @Test void importingAMalformedFileShowsAnErrorNamingTheLineAndChangesNothing(FxRobot robot) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "kernel,duration_ns,num_tokens\nadd,1200,16\nadd,900,-8\n");
        var kernelsBefore = store.kernels();
        robot.clickOn("Sources");
        robot.interact(() -> {
            @SuppressWarnings("unchecked") ComboBox<SampleSource> source = robot.lookup("#import-source").queryAs(ComboBox.class);
            source.setValue(SampleSource.PROJECT);
            robot.lookup("#import-path").queryAs(TextField.class).setText(bad.toString());
            robot.lookup("#import-device").queryAs(ComboBox.class).getEditor().setText("a100-80gb");
        });
        robot.clickOn("#import-samples");

        Label error = robot.lookup("#error").queryAs(Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).contains("bad.csv:3").contains("column 'num_tokens'").contains("must not be negative");
        assertThat(store.kernels()).isEqualTo(kernelsBefore);
        assertThat(robot.lookup("#calibrate").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#calibration-state").queryAs(Label.class).getText()).isEqualTo("not available: not in this build");
    }
}
