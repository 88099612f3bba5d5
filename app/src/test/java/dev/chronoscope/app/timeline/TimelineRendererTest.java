package dev.chronoscope.app.timeline;

import dev.chronoscope.app.runs.RunModel;
import dev.chronoscope.app.support.Events;
import dev.chronoscope.app.support.Fx;
import javafx.scene.canvas.Canvas;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(ApplicationExtension.class)
class TimelineRendererTest {

    @Start
    void start(Stage stage) {}

    private static TimelineRenderer.Stats draw(RunModel model, TimeViewport vp, double width) {
        Canvas canvas = new Canvas(width, 400);
        TimelineData data = model.timeline();
        return new TimelineRenderer().draw(canvas.getGraphicsContext2D(), width, 400,
                new TimelineRenderer.Frame(data, TimelineLayout.of(data.rows(), Set.of()), vp, 0, -1, null, Double.NaN, Double.NaN));
    }

    @Test
    void zoomedOutTheWorkGrowsWithPixelsNotWithEvents(FxRobot robot) {
        RunModel model = new RunModel();
        Events.kernels(100_000).forEach(model::accept);
        TimeViewport all = TimeViewport.fit(model.timeline().startTime(), model.timeline().endTime());

        TimelineRenderer.Stats stats = Fx.call(() -> draw(model, all, TimelineRenderer.GUTTER + 800));

        assertThat(stats.wideSpans()).isZero();
        // Two lanes with spans, at most one rect per pixel column each.
        assertThat(stats.mergedRuns()).isPositive().isLessThanOrEqualTo(2 * 800);
    }

    @Test
    void zoomedInEverySpanInViewIsDrawnOnItsOwn(FxRobot robot) {
        RunModel model = new RunModel();
        Events.kernels(1_000).forEach(model::accept);
        // Kernels start every 15 µs from 100 µs: [400 µs, 550 µs) holds starts 400..535, ten per rank.
        TimeViewport vp = new TimeViewport(400_000, 550_000);

        TimelineRenderer.Stats stats = Fx.call(() -> draw(model, vp, TimelineRenderer.GUTTER + 800));

        assertThat(stats.wideSpans()).isEqualTo(2 * 10);
        assertThat(stats.mergedRuns()).isZero();
    }
}
