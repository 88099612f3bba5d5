package dev.chronoscope.app.viewmodel;

import dev.chronoscope.app.report.MetricDiff;
import dev.chronoscope.app.report.ResultBlock;
import dev.chronoscope.app.report.RunComparison;
import dev.chronoscope.app.runs.RunMetrics;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;

/**
 * The Report tab: the result block of run A, and when run B is chosen too, the metrics diff
 * table and both runs' latency samples for overlaid CDFs.
 */
public final class ReportViewModel {
    private final ObservableList<RunViewModel> runs;
    private final ObjectProperty<RunViewModel> runA = new SimpleObjectProperty<>();
    private final ObjectProperty<RunViewModel> runB = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper resultBlock = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper resultBlockB = new ReadOnlyStringWrapper("");
    private final ObservableList<MetricDiff> diff = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<RunMetrics> metricsA = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RunMetrics> metricsB = new ReadOnlyObjectWrapper<>();
    private long seenA = -1, seenB = -1;

    /** @param runs the runs A and B are chosen from (the workbench's, or just the two a re-run compares) */
    public ReportViewModel(ObservableList<RunViewModel> runs) {
        this.runs = runs;
        runA.addListener((o, a, b) -> { seenA = -1; refresh(); });
        runB.addListener((o, a, b) -> { seenB = -1; refresh(); });
    }

    public ObservableList<RunViewModel> runs() { return runs; }
    public ObjectProperty<RunViewModel> runAProperty() { return runA; }
    public ObjectProperty<RunViewModel> runBProperty() { return runB; }
    public ReadOnlyStringProperty resultBlockProperty() { return resultBlock.getReadOnlyProperty(); }
    public ReadOnlyStringProperty resultBlockBProperty() { return resultBlockB.getReadOnlyProperty(); }
    public ObservableList<MetricDiff> diff() { return diff; }
    public ReadOnlyObjectProperty<RunMetrics> metricsAProperty() { return metricsA.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<RunMetrics> metricsBProperty() { return metricsB.getReadOnlyProperty(); }

    /** Recomputes what changed since the last call. */
    public void refresh() {
        RunViewModel a = runA.get(), b = runB.get();
        boolean changed = false;
        long va = a == null ? -2 : a.model().version();
        if (va != seenA) {
            seenA = va;
            metricsA.set(a == null ? null : a.model().metrics());
            resultBlock.set(a == null ? "" : ResultBlock.format(metricsA.get()));
            changed = true;
        }
        long vb = b == null ? -2 : b.model().version();
        if (vb != seenB) {
            seenB = vb;
            metricsB.set(b == null ? null : b.model().metrics());
            resultBlockB.set(b == null ? "" : ResultBlock.format(metricsB.get()));
            changed = true;
        }
        if (changed) {
            List<MetricDiff> rows = metricsA.get() != null && metricsB.get() != null
                    ? RunComparison.compare(metricsA.get(), metricsB.get()) : List.of();
            diff.setAll(rows);
        }
    }
}
