package dev.chronoscope.app.view.timeline;

import dev.chronoscope.app.timeline.TimeViewport;
import dev.chronoscope.app.timeline.TimelineLayout;
import dev.chronoscope.app.timeline.TimelineRenderer;
import dev.chronoscope.app.runs.RunModel;
import dev.chronoscope.app.support.Events;
import dev.chronoscope.app.support.Fx;
import dev.chronoscope.app.viewmodel.TimelineViewModel;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.geometry.VerticalDirection;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@ExtendWith(ApplicationExtension.class)
class TimelinePaneTest {
    private RunModel model;
    private TimelineViewModel vm;
    private TimelinePane pane;

    @Start
    void start(Stage stage) {
        model = new RunModel();
        Events.kernels(200).forEach(model::accept);
        vm = new TimelineViewModel(model.timeline());
        pane = new TimelinePane(vm);
        stage.setScene(new Scene(pane, 960, 600));
        stage.show();
        vm.refresh();
    }

    private Point2D onCanvas(FxRobot robot, double x, double y) {
        return Fx.call(() -> pane.view().localToScreen(x, y));
    }

    @Test
    void wheelZoomsAtThePointerAndStopsFollowing(FxRobot robot) {
        TimeViewport before = vm.viewport();
        robot.moveTo(onCanvas(robot, TimelineRenderer.GUTTER + 200, 60));

        robot.scroll(3, VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.viewport().span()).isLessThan(before.span());
        assertThat(vm.followProperty().get()).isFalse();
    }

    @Test
    void keysPanAndFitTheVisibleRange(FxRobot robot) {
        robot.clickOn(pane.view());
        robot.interact(() -> vm.zoomAtCentre(4));
        TimeViewport zoomed = vm.viewport();

        robot.type(KeyCode.D);

        assertThat(vm.viewport().start()).isCloseTo(zoomed.start() + zoomed.span() * 0.15, within(1.0));
        assertThat(vm.viewport().span()).isCloseTo(zoomed.span(), within(1e-6));

        robot.type(KeyCode.F);
        assertThat(vm.viewport()).isEqualTo(TimeViewport.fit(model.timeline().startTime(), model.timeline().endTime()));
    }

    @Test
    void draggingSelectsARangeToZoomInto(FxRobot robot) {
        TimeViewport before = vm.viewport();
        double plotW = Fx.call(() -> pane.view().getWidth() - pane.view().lookup(".scroll-bar").getBoundsInLocal().getWidth()) - TimelineRenderer.GUTTER;
        double x0 = 100, x1 = 300;

        robot.drag(onCanvas(robot, TimelineRenderer.GUTTER + x0, 60), MouseButton.PRIMARY)
                .dropTo(onCanvas(robot, TimelineRenderer.GUTTER + x1, 60));
        WaitForAsyncUtils.waitForFxEvents();

        double expectedSpan = before.span() * (x1 - x0) / Math.floor(plotW);
        assertThat(vm.viewport().span()).isCloseTo(expectedSpan, within(expectedSpan * 0.03));
        assertThat(vm.viewport().start()).isGreaterThan(before.start());
    }

    @Test
    void clickingAKernelShowsItsDetails(FxRobot robot) {
        // Kernel 6 (attn_decode, num_tokens 70) on rank 0 runs [190 µs, 200 µs): zoom so it is wide.
        robot.interact(() -> vm.zoomTo(150_000, 250_000));
        double plotW = Fx.call(() -> Math.floor(pane.view().getWidth() - pane.view().lookup(".scroll-bar").getBoundsInLocal().getWidth())) - TimelineRenderer.GUTTER;
        double x = TimelineRenderer.GUTTER + vm.viewport().xOf(195_000, plotW);
        double y = TimelineRenderer.AXIS + TimelineLayout.HEADER_HEIGHT + TimelineLayout.ROW_HEIGHT / 2;

        robot.clickOn(onCanvas(robot, x, y));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.selectionProperty().get()).isNotNull();
        assertThat(vm.selectionProperty().get().start()).isEqualTo(190_000);
        assertThat(vm.selectionProperty().get().rank()).isZero();
        assertThat(robot.lookup("#details-name").queryAs(Label.class).getText()).isEqualTo("attn_decode");
        assertThat(robot.lookup("#timeline-details").queryParent().getChildrenUnmodifiable())
                .anySatisfy(n -> assertThat(n).isInstanceOfSatisfying(Label.class, l -> assertThat(l.getText()).isEqualTo("h100-sxm/attn_decode@3")))
                .anySatisfy(n -> assertThat(n).isInstanceOfSatisfying(Label.class, l -> assertThat(l.getText()).isEqualTo("70")));
    }

    @Test
    void hoveringAKernelShowsItsShapeDurationAndModelVersion(FxRobot robot) {
        robot.interact(() -> vm.zoomTo(150_000, 250_000));
        double plotW = Fx.call(() -> Math.floor(pane.view().getWidth() - pane.view().lookup(".scroll-bar").getBoundsInLocal().getWidth())) - TimelineRenderer.GUTTER;
        double y = TimelineRenderer.AXIS + TimelineLayout.HEADER_HEIGHT + TimelineLayout.ROW_HEIGHT / 2;

        robot.moveTo(onCanvas(robot, TimelineRenderer.GUTTER + vm.viewport().xOf(210_000, plotW), y));
        WaitForAsyncUtils.waitForFxEvents();

        Label tip = robot.lookup(".timeline-tooltip").queryAs(Label.class);
        assertThat(tip.isVisible()).isTrue();
        assertThat(tip.getText()).contains("Kernel: mlp_up_proj", "num_tokens: 71", "Predicted duration: 10.00 µs",
                "Model version: h100-sxm/mlp_up_proj@3");
    }

    @Test
    void searchJumpsToTheNextMatchingKernel(FxRobot robot) {
        robot.clickOn("#timeline-search").write("mlp_up").type(KeyCode.ENTER);

        assertThat(vm.selectionProperty().get().name()).isEqualTo("mlp_up_proj");
        assertThat(vm.selectionProperty().get().start()).isEqualTo(115_000);

        robot.type(KeyCode.ENTER);
        assertThat(vm.selectionProperty().get().start()).isEqualTo(115_000);
        assertThat(vm.selectionProperty().get().rank()).isEqualTo(1);

        robot.type(KeyCode.ENTER);
        assertThat(vm.selectionProperty().get().start()).isEqualTo(145_000);
    }

    @Test
    void collapsingARankHidesItsStreams(FxRobot robot) {
        int lanes = vm.layout().lanes().size();
        robot.clickOn(onCanvas(robot, 20, TimelineRenderer.AXIS + TimelineLayout.HEADER_HEIGHT / 2));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.collapsedRanks()).containsExactly(0);
        assertThat(vm.layout().lanes()).hasSize(lanes - 1);
    }

    @Test
    void theViewFollowsEventsThatArriveWhileItIsShown(FxRobot robot) throws Exception {
        long end = model.timeline().endTime();
        Thread feeder = new Thread(() -> Events.kernels(400).stream().skip(5).forEach(model::accept));
        feeder.start();
        feeder.join();

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.viewport().end() > end + 1_000_000);
        assertThat(pane.view().lastStats()).isNotNull();
    }
}
