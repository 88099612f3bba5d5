package dev.chronoscope.app.view.report;

import dev.chronoscope.app.report.MetricDiff;
import dev.chronoscope.app.WorkbenchApp;
import dev.chronoscope.app.runs.ScenarioField;
import dev.chronoscope.app.support.Events;
import dev.chronoscope.app.support.RecordingLauncher;
import dev.chronoscope.app.task.CurrentThreadTaskExecutor;
import dev.chronoscope.app.viewmodel.RunViewModel;
import dev.chronoscope.app.viewmodel.WorkbenchViewModel;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import javafx.scene.chart.LineChart;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Two runs with known request timings, compared in the Report view (synchronous executor). */
@ExtendWith(ApplicationExtension.class)
class ReportViewTest {
    private final RecordingLauncher launcher = new RecordingLauncher();
    private WorkbenchViewModel vm;
    private RunViewModel a, b;

    @Start
    void start(Stage stage) {
        vm = new WorkbenchViewModel(launcher, new CurrentThreadTaskExecutor());
        a = vm.launch().orElseThrow();
        vm.scenario().value(ScenarioField.TENSOR_PARALLEL).set("2");
        b = vm.launch().orElseThrow();
        feed(0, new double[]{100, 300, 200});
        feed(1, new double[]{50, 150, 100});
        stage.setScene(WorkbenchApp.scene(new ReportView(vm.report()), 1400, 900));
        stage.show();
    }

    private void feed(int run, double[] ttftMs) {
        Events.requests(ttftMs, 11).forEach(launcher.sinks.get(run)::accept);
        launcher.sinks.get(run).accept(new StreamEvent.RunEnd(3_000_000_000L, "ok", ""));
    }

    @Test
    void comparesTwoRunsMetricByMetric(FxRobot robot) {
        robot.interact(() -> {
            vm.report().runAProperty().set(a);
            vm.report().runBProperty().set(b);
            vm.refresh();
        });

        List<MetricDiff> rows = vm.report().diff();
        MetricDiff meanTtft = rows.stream().filter(r -> r.metric().equals("Mean TTFT (ms)")).findFirst().orElseThrow();
        assertThat(meanTtft.a()).isCloseTo(200, within(1e-9));
        assertThat(meanTtft.b()).isCloseTo(100, within(1e-9));
        assertThat(meanTtft.changePercent()).isCloseTo(-50, within(1e-9));
        assertThat(meanTtft.improved()).isTrue();
        MetricDiff requests = rows.getFirst();
        assertThat(requests.a()).isEqualTo(3);
        assertThat(requests.b()).isEqualTo(3);

        TableView<?> table = robot.lookup("#report-diff").queryTableView();
        assertThat(table.getItems()).hasSize(10);
        assertThat(robot.lookup("#report-block-a").queryAs(TextArea.class).getText())
                .contains("Successful requests:                     3\n")
                .contains("Benchmark duration (s):                  2.30\n")
                .contains("Mean TTFT (ms):                          200.00");
        assertThat(robot.lookup("#report-block-b").queryAs(TextArea.class).getText())
                .contains("Mean TTFT (ms):                          100.00");
        assertThat(robot.lookup(".chart").queryAllAs(LineChart.class))
                .hasSize(3)
                .allSatisfy(c -> assertThat(c.getData()).hasSize(2));
    }
}
