package dev.chronoscope.app.models;

import dev.chronoscope.app.viewmodel.RunViewModel;
import javafx.scene.control.ChoiceDialog;

import java.util.List;
import java.util.Optional;

/** Asks which run to re-run, in a dialog listing the finished runs (the latest preselected). */
public final class DialogRunPicker implements RerunWithModels.RunPicker {
    @Override
    public Optional<RunViewModel> pick(List<RunViewModel> candidates) {
        ChoiceDialog<RunViewModel> dialog = new ChoiceDialog<>(candidates.getLast(), candidates);
        dialog.setTitle("Re-run with this model");
        dialog.setHeaderText("No run is selected in the Runs perspective. Which run's scenario should run again with the newly active models?");
        dialog.setContentText("run");
        return dialog.showAndWait();
    }
}
