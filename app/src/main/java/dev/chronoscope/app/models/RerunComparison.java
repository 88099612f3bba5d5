package dev.chronoscope.app.models;

import dev.chronoscope.app.report.MetricDiff;
import dev.chronoscope.app.runs.Distribution;
import dev.chronoscope.app.runs.RunMetrics;
import dev.chronoscope.app.view.report.CdfChart;
import dev.chronoscope.app.view.report.ReportView;
import dev.chronoscope.app.viewmodel.ReportViewModel;
import dev.chronoscope.app.viewmodel.RunViewModel;
import dev.chronoscope.modeleditor.RerunRequest;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The workbench Report's comparison of a run (A) and its re-run with newly activated models (B) —
 * its metrics diff table and overlaid TTFT, TPOT and end-to-end CDFs — laid out for the editor's
 * Run comparison tab, which is shorter than the Report (both runs' result blocks stay in the Report
 * tab of the Runs perspective, where the re-run is in the run list).
 */
final class RerunComparison {
    private static final double CHART_HEIGHT = 225;

    private RerunComparison() {}

    static Node of(RunViewModel original, RunViewModel rerun, RerunRequest request) {
        ReportViewModel report = new ReportViewModel(FXCollections.observableArrayList(original, rerun));
        report.runAProperty().set(original);
        report.runBProperty().set(rerun);
        report.refresh();

        String versions = request.activatedVersionIds().stream().map(id -> "#" + id).collect(Collectors.joining(", "));
        Label title = new Label("Re-run " + rerun.name() + " (B) of " + original.name() + " (A) with the newly active model version"
                + (request.activatedVersionIds().size() > 1 ? "s " : " ") + versions);
        title.setId("rerun-title");
        title.getStyleClass().add("section-title");
        title.setWrapText(true);

        TableView<MetricDiff> table = ReportView.diffTable(report.diff());
        table.setPrefHeight(CHART_HEIGHT + 20);
        table.setMinWidth(390);
        table.setPrefWidth(390);
        HBox body = new HBox(10, table);
        RunMetrics a = report.metricsAProperty().get(), b = report.metricsBProperty().get();
        String nameA = "A (original)", nameB = "B (re-run)";
        body.getChildren().addAll(
                chart("TTFT CDF", nameA, a, nameB, b, RunMetrics::ttftMs),
                chart("TPOT CDF", nameA, a, nameB, b, RunMetrics::tpotMs),
                chart("End-to-end latency CDF", nameA, a, nameB, b, RunMetrics::e2eMs));

        VBox content = new VBox(6, title, body);
        content.setPadding(new Insets(6));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setId("rerun-comparison");
        return scroll;
    }

    private static CdfChart chart(String title, String nameA, RunMetrics a, String nameB, RunMetrics b, Function<RunMetrics, Distribution> metric) {
        CdfChart chart = new CdfChart(title, "ms");
        chart.setMinHeight(CHART_HEIGHT);
        chart.setPrefHeight(CHART_HEIGHT);
        chart.setMinWidth(150);
        chart.setPrefWidth(240);
        HBox.setHgrow(chart, Priority.ALWAYS);
        chart.show(nameA, metric.apply(a), nameB, metric.apply(b));
        return chart;
    }
}
