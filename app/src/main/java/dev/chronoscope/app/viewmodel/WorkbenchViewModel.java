package dev.chronoscope.app.viewmodel;

import dev.chronoscope.app.runs.RunLauncher;
import dev.chronoscope.app.runs.RunModel;
import dev.chronoscope.app.runs.Scenario;
import dev.chronoscope.app.task.TaskExecutor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Optional;

/**
 * The workbench's top view-model: the scenario being edited, the runs launched from it, the one
 * selected, and the run comparison. The only place that calls the {@link RunLauncher}.
 */
public final class WorkbenchViewModel {
    private final RunLauncher launcher;
    private final TaskExecutor executor;
    private final ScenarioViewModel scenario = new ScenarioViewModel();
    private final ObservableList<RunViewModel> runs = FXCollections.observableArrayList();
    private final ObjectProperty<RunViewModel> selectedRun = new SimpleObjectProperty<>();
    private final ReportViewModel report = new ReportViewModel(runs);
    private int launched;

    public WorkbenchViewModel(RunLauncher launcher, TaskExecutor executor) {
        this.launcher = launcher;
        this.executor = executor;
    }

    public ScenarioViewModel scenario() { return scenario; }
    public ObservableList<RunViewModel> runs() { return runs; }
    public ObjectProperty<RunViewModel> selectedRunProperty() { return selectedRun; }
    public RunViewModel selectedRun() { return selectedRun.get(); }
    public ReportViewModel report() { return report; }
    public String launcherDescription() { return launcher.description(); }

    /**
     * Launches the edited scenario as a new run and selects it; with errors in the scenario,
     * launches nothing and returns empty (the editor already shows why).
     */
    public Optional<RunViewModel> launch() {
        Optional<Scenario> s = scenario.scenario();
        if (s.isEmpty()) return Optional.empty();
        RunModel model = new RunModel();
        RunViewModel run = new RunViewModel("#" + (++launched) + " " + s.get().label(), s.get(), model, executor);
        runs.add(run);
        selectedRun.set(run);
        executor.execute(() -> launcher.launch(s.get(), model), run::launched, run::launchFailed);
        return Optional.of(run);
    }

    /** Once per UI tick. */
    public void refresh() {
        for (RunViewModel r : runs) r.refresh();
        report.refresh();
    }
}
