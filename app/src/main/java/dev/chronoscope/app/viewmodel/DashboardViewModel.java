package dev.chronoscope.app.viewmodel;

import dev.chronoscope.app.runs.RequestState;
import dev.chronoscope.app.runs.RunMetrics;
import dev.chronoscope.app.runs.RunModel;
import dev.chronoscope.app.runs.StepLog;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;

/** The live figures of one run, refreshed from its model once per UI tick. */
public final class DashboardViewModel {
    private final RunModel model;
    private final DoubleProperty virtualSeconds = new SimpleDoubleProperty();
    private final DoubleProperty speed = new SimpleDoubleProperty();
    private final DoubleProperty requestThroughput = new SimpleDoubleProperty();
    private final DoubleProperty outputThroughput = new SimpleDoubleProperty();
    private final DoubleProperty ttftP50 = new SimpleDoubleProperty();
    private final DoubleProperty ttftP99 = new SimpleDoubleProperty();
    private final DoubleProperty tpotP50 = new SimpleDoubleProperty();
    private final DoubleProperty tpotP99 = new SimpleDoubleProperty();
    private final DoubleProperty running = new SimpleDoubleProperty();
    private final DoubleProperty waiting = new SimpleDoubleProperty();
    private final DoubleProperty kvUsagePercent = new SimpleDoubleProperty();
    private final DoubleProperty gpuBusyPercent = new SimpleDoubleProperty();
    private final DoubleProperty completed = new SimpleDoubleProperty();
    private long seenVersion = -1;

    public DashboardViewModel(RunModel model) {
        this.model = model;
    }

    /** Recomputes the figures when the model changed since the last call. */
    public void refresh() {
        long v = model.version();
        if (v == seenVersion) return;
        seenVersion = v;
        RunMetrics m = model.metrics();
        virtualSeconds.set(model.virtualTime() / 1e9);
        speed.set(model.speed());
        requestThroughput.set(m.requestThroughput());
        outputThroughput.set(m.outputThroughput());
        ttftP50.set(zeroIfNaN(m.ttftMs().percentile(50)));
        ttftP99.set(zeroIfNaN(m.ttftMs().percentile(99)));
        tpotP50.set(zeroIfNaN(m.tpotMs().percentile(50)));
        tpotP99.set(zeroIfNaN(m.tpotMs().percentile(99)));
        completed.set(m.completed());
        StepLog.Step last = model.steps().last();
        running.set(model.metric("running", last != null ? last.running()
                : model.requests().count(RequestState.PREFILL) + model.requests().count(RequestState.DECODE)));
        waiting.set(model.metric("waiting", last != null ? last.waiting() : model.requests().count(RequestState.WAITING)));
        kvUsagePercent.set(100 * model.metric("kv_usage", last != null ? last.kvUsage() : 0));
        gpuBusyPercent.set(100 * model.gpuBusyFraction());
    }

    private static double zeroIfNaN(double v) { return Double.isNaN(v) ? 0 : v; }

    public DoubleProperty virtualSecondsProperty() { return virtualSeconds; }
    public DoubleProperty speedProperty() { return speed; }
    public DoubleProperty requestThroughputProperty() { return requestThroughput; }
    public DoubleProperty outputThroughputProperty() { return outputThroughput; }
    public DoubleProperty ttftP50Property() { return ttftP50; }
    public DoubleProperty ttftP99Property() { return ttftP99; }
    public DoubleProperty tpotP50Property() { return tpotP50; }
    public DoubleProperty tpotP99Property() { return tpotP99; }
    public DoubleProperty runningProperty() { return running; }
    public DoubleProperty waitingProperty() { return waiting; }
    public DoubleProperty kvUsagePercentProperty() { return kvUsagePercent; }
    public DoubleProperty gpuBusyPercentProperty() { return gpuBusyPercent; }
    public DoubleProperty completedProperty() { return completed; }
}
