package dev.chronoscope.app.viewmodel;

import dev.chronoscope.app.runs.RunLauncher;
import dev.chronoscope.app.runs.RunControl;
import dev.chronoscope.app.runs.RunFolderLoader;
import dev.chronoscope.app.runs.RunModel;
import dev.chronoscope.app.runs.Scenario;
import dev.chronoscope.app.task.TaskExecutor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
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
        return scenario.scenario().map(this::launch);
    }

    /** Launches {@code s} (e.g. an earlier run's scenario, for a re-run) as a new run and selects it. */
    public RunViewModel launch(Scenario s) {
        RunModel model = new RunModel();
        RunViewModel run = add("#" + (++launched) + " " + s.label(), s, model);
        executor.execute(() -> launcher.launch(s, model), run::launched, run::launchFailed);
        return run;
    }

    /**
     * Reopens a past run from its folder (stream and kernel store) as a finished run; reading
     * happens on the executor, a folder that cannot be read becomes that run's error.
     */
    public RunViewModel open(Path folder) {
        RunModel model = new RunModel();
        model.folder(folder);
        Scenario shown = scenario.scenario().orElse(Scenario.defaults());
        RunViewModel run = add("#" + (++launched) + " " + folder.getFileName(), shown, model);
        executor.execute(() -> {
            RunFolderLoader.load(folder, model);
            return RunControl.NONE;
        }, run::launched, run::launchFailed);
        return run;
    }

    private RunViewModel add(String name, Scenario s, RunModel model) {
        RunViewModel run = new RunViewModel(name, s, model, executor);
        runs.add(run);
        selectedRun.set(run);
        return run;
    }

    /** Once per UI tick. */
    public void refresh() {
        for (RunViewModel r : runs) r.refresh();
        report.refresh();
    }
}
