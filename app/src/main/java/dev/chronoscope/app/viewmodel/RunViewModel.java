package dev.chronoscope.app.viewmodel;

import dev.chronoscope.app.runs.RunControl;
import dev.chronoscope.app.runs.RunExports;
import dev.chronoscope.app.runs.RunModel;
import dev.chronoscope.app.runs.RunStatus;
import dev.chronoscope.app.runs.Scenario;
import dev.chronoscope.app.task.TaskExecutor;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * One run in the workbench: its scenario, the model its events build, its controls and state.
 * Controls go through the task executor (they may talk to a child process); their failures land in
 * {@link #errorProperty()} and never block the UI.
 */
public final class RunViewModel {
    private final String name;
    private final Scenario scenario;
    private final RunModel model;
    private final TaskExecutor executor;
    private final DashboardViewModel dashboard;
    private final TimelineViewModel timeline;
    private final ReadOnlyObjectWrapper<RunState> state = new ReadOnlyObjectWrapper<>(RunState.LAUNCHING);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper virtualTime = new ReadOnlyLongWrapper();
    private final ReadOnlyDoubleWrapper speed = new ReadOnlyDoubleWrapper();
    private final ReadOnlyLongWrapper events = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper heldAt = new ReadOnlyLongWrapper(-1);
    private RunControl control;
    private volatile boolean stopping;

    public RunViewModel(String name, Scenario scenario, RunModel model, TaskExecutor executor) {
        this.name = name;
        this.scenario = scenario;
        this.model = model;
        this.executor = executor;
        this.dashboard = new DashboardViewModel(model);
        this.timeline = new TimelineViewModel(model.timeline());
    }

    public String name() { return name; }
    public Scenario scenario() { return scenario; }
    public RunModel model() { return model; }
    public DashboardViewModel dashboard() { return dashboard; }
    public TimelineViewModel timeline() { return timeline; }
    public ReadOnlyObjectProperty<RunState> stateProperty() { return state.getReadOnlyProperty(); }
    public RunState state() { return state.get(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public ReadOnlyLongProperty virtualTimeProperty() { return virtualTime.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty speedProperty() { return speed.getReadOnlyProperty(); }
    public ReadOnlyLongProperty eventsProperty() { return events.getReadOnlyProperty(); }

    /** The launcher started the run. */
    void launched(RunControl control) {
        this.control = control;
        if (state.get() == RunState.LAUNCHING) state.set(RunState.RUNNING);
    }

    /** The launcher could not start the run. */
    void launchFailed(Throwable e) {
        String why = "Launch failed: " + message(e);
        model.fail(why);
        error.set(why);
        state.set(RunState.FAILED);
    }

    public void pause() { control("pause", () -> { control.pause(); return RunState.PAUSED; }); }

    public void resume() { control("resume", () -> { control.resume(); return RunState.RUNNING; }); }

    public void step() { control("step", () -> { control.step(); return RunState.PAUSED; }); }

    /** Lets the run go on for {@code virtualNanos} of virtual time, then holds. */
    public void stepBy(long virtualNanos) {
        control("step", () -> { control.stepBy(virtualNanos); return RunState.PAUSED; });
    }

    /** The virtual time the run holds at, or -1 while it runs. */
    public ReadOnlyLongProperty heldAtProperty() { return heldAt.getReadOnlyProperty(); }

    public void stop() {
        if (control == null || !state.get().isLive()) return;
        // The stream ends with an error ("stopped") before the stop call returns: not a failure.
        stopping = true;
        control("stop", () -> { control.stop(); return RunState.STOPPED; });
    }

    private void control(String what, Callable<RunState> call) {
        if (control == null || !state.get().isLive()) return;
        executor.execute(call, next -> {
            if (state.get().isLive()) state.set(next);
        }, e -> error.set("Could not " + what + " the run: " + message(e)));
    }

    /** Writes the run's Perfetto trace to {@code target}; a failure becomes the run's error. */
    public void exportTrace(Path target) {
        export("the Perfetto trace", () -> { RunExports.exportTrace(model, target); return null; });
    }

    /** Writes the run's result.json to {@code target}; a failure becomes the run's error. */
    public void exportResult(Path target) {
        export("result.json", () -> { RunExports.exportResult(model, target); return null; });
    }

    private void export(String what, Callable<Void> call) {
        executor.execute(call, done -> { }, e -> error.set("Could not export " + what + ": " + message(e)));
    }

    /** Once per UI tick: mirrors the model into properties. */
    public void refresh() {
        virtualTime.set(model.virtualTime());
        speed.set(model.speed());
        events.set(model.eventCount());
        heldAt.set(model.heldAt());
        RunStatus s = model.status();
        if (s == RunStatus.FAILED && state.get() != RunState.FAILED && !stopping) {
            state.set(RunState.FAILED);
            error.set("Run failed: " + model.message());
        } else if (s == RunStatus.FINISHED && state.get().isLive()) {
            state.set(RunState.FINISHED);
        }
        dashboard.refresh();
        timeline.refresh();
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    @Override public String toString() { return name; }
}
