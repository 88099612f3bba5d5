package dev.chronoscope.app.view.report;

import dev.chronoscope.app.report.MetricDiff;
import dev.chronoscope.app.runs.RunMetrics;
import dev.chronoscope.app.viewmodel.ReportViewModel;
import dev.chronoscope.app.viewmodel.RunViewModel;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Locale;
import java.util.function.Function;

/**
 * The Report tab: run A's vLLM-style result block; with a run B chosen, B's block beside it, a
 * metrics diff table and overlaid CDFs of TTFT, TPOT and end-to-end latency.
 */
public final class ReportView extends ScrollPane {
    private final ReportViewModel vm;
    private final CdfChart ttft = new CdfChart("TTFT CDF", "ms");
    private final CdfChart tpot = new CdfChart("TPOT CDF", "ms");
    private final CdfChart e2e = new CdfChart("End-to-end latency CDF", "ms");

    public ReportView(ReportViewModel vm) {
        this.vm = vm;
        setFitToWidth(true);
        setId("report-view");

        ComboBox<RunViewModel> a = runChooser("report-run-a");
        a.valueProperty().bindBidirectional(vm.runAProperty());
        ComboBox<RunViewModel> b = runChooser("report-run-b");
        b.valueProperty().bindBidirectional(vm.runBProperty());
        HBox choosers = new HBox(10, new Label("Run A"), a, new Label("compare with run B"), b);
        choosers.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        TextArea blockA = block("report-block-a");
        blockA.textProperty().bind(vm.resultBlockProperty());
        TextArea blockB = block("report-block-b");
        blockB.textProperty().bind(vm.resultBlockBProperty());
        TableView<MetricDiff> table = diffTable(vm.diff());
        Label diffTitle = new Label("Comparison (B against A)");
        diffTitle.getStyleClass().add("section-title");
        VBox diffBox = new VBox(4, diffTitle, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        HBox.setHgrow(diffBox, Priority.ALWAYS);
        HBox blocks = new HBox(10, blockA, blockB, diffBox);

        GridPane charts = new GridPane();
        charts.setHgap(10);
        charts.add(ttft, 0, 0);
        charts.add(tpot, 1, 0);
        charts.add(e2e, 2, 0);
        for (var c : new CdfChart[]{ttft, tpot, e2e}) GridPane.setHgrow(c, Priority.ALWAYS);
        vm.metricsAProperty().addListener((o, x, y) -> updateCharts());
        vm.metricsBProperty().addListener((o, x, y) -> updateCharts());

        VBox content = new VBox(10, choosers, blocks, charts);
        content.setPadding(new Insets(12));
        setContent(content);
    }

    private ComboBox<RunViewModel> runChooser(String id) {
        ComboBox<RunViewModel> c = new ComboBox<>(vm.runs());
        c.setId(id);
        c.setPrefWidth(360);
        c.setPromptText("choose a run");
        return c;
    }

    private static TextArea block(String id) {
        TextArea t = new TextArea();
        t.setId(id);
        t.setEditable(false);
        t.getStyleClass().add("result-block");
        t.setPrefRowCount(26);
        t.setPrefColumnCount(50);
        t.setMinWidth(Region.USE_PREF_SIZE);
        return t;
    }

    /** The metrics diff table (B against A, green better, red worse) over {@code rows}; also shown after a re-run. */
    public static TableView<MetricDiff> diffTable(ObservableList<MetricDiff> rows) {
        TableView<MetricDiff> t = new TableView<>(rows);
        t.setId("report-diff");
        t.setPrefHeight(360);
        t.setPrefWidth(520);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(new Label("Choose run A and run B to compare them."));
        TableColumn<MetricDiff, String> metric = column("Metric", MetricDiff::metric);
        metric.setPrefWidth(215);
        t.getColumns().add(metric);
        t.getColumns().add(column("A", d -> num(d.a())));
        t.getColumns().add(column("B", d -> num(d.b())));
        TableColumn<MetricDiff, String> change = column("Change", d -> Double.isNaN(d.changePercent()) ? "n/a"
                : String.format(Locale.ROOT, "%+.1f %%", d.changePercent()));
        change.setCellFactory(col -> new TableCell<>() {
            @Override protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().removeAll("better", "worse");
                MetricDiff d = empty || getTableRow() == null ? null : getTableRow().getItem();
                if (d != null && d.improved()) getStyleClass().add("better");
                if (d != null && d.regressed()) getStyleClass().add("worse");
            }
        });
        t.getColumns().add(change);
        return t;
    }

    private static TableColumn<MetricDiff, String> column(String title, Function<MetricDiff, String> value) {
        TableColumn<MetricDiff, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        c.setSortable(false);
        return c;
    }

    private static String num(double v) {
        if (Double.isNaN(v)) return "n/a";
        return v == Math.rint(v) && Math.abs(v) < 1e12 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private void updateCharts() {
        RunMetrics a = vm.metricsAProperty().get(), b = vm.metricsBProperty().get();
        String na = vm.runAProperty().get() == null ? "A" : "A: " + vm.runAProperty().get().name();
        String nb = vm.runBProperty().get() == null ? "B" : "B: " + vm.runBProperty().get().name();
        ttft.show(na, a == null ? null : a.ttftMs(), nb, b == null ? null : b.ttftMs());
        tpot.show(na, a == null ? null : a.tpotMs(), nb, b == null ? null : b.tpotMs());
        e2e.show(na, a == null ? null : a.e2eMs(), nb, b == null ? null : b.e2eMs());
    }
}
