package dev.chronoscope.app.models;

import dev.chronoscope.app.view.report.ReportView;
import dev.chronoscope.app.viewmodel.ReportViewModel;
import dev.chronoscope.app.viewmodel.RunViewModel;
import dev.chronoscope.modeleditor.RerunRequest;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.stream.Collectors;

/** The workbench's Report comparison of a run (A) and its re-run with newly activated models (B). */
final class RerunComparison {
    private RerunComparison() {}

    static Node of(RunViewModel original, RunViewModel rerun, RerunRequest request) {
        ReportViewModel report = new ReportViewModel(FXCollections.observableArrayList(original, rerun));
        ReportView view = new ReportView(report); // before choosing A and B: the view draws its CDFs when they change
        report.runAProperty().set(original);
        report.runBProperty().set(rerun);
        report.refresh();
        String versions = request.activatedVersionIds().stream().map(id -> "#" + id).collect(Collectors.joining(", "));
        Label title = new Label("Re-run " + rerun.name() + " (B) of " + original.name() + " (A) with the newly active model version"
                + (request.activatedVersionIds().size() > 1 ? "s " : " ") + versions);
        title.setId("rerun-title");
        title.getStyleClass().add("section-title");
        title.setWrapText(true);
        VBox.setVgrow(view, Priority.ALWAYS);
        VBox box = new VBox(6, title, view);
        box.setId("rerun-comparison");
        box.setPadding(new Insets(6, 0, 0, 6));
        return box;
    }
}
