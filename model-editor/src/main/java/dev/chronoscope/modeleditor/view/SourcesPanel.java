package dev.chronoscope.modeleditor.view;

import dev.chronoscope.modeleditor.CalibrationService;
import dev.chronoscope.modeleditor.task.TaskHandle;
import dev.chronoscope.modeleditor.task.TaskState;
import dev.chronoscope.modeleditor.viewmodel.BrowserNode;
import dev.chronoscope.modeleditor.viewmodel.KernelEditorViewModel;
import dev.chronoscope.modeleditor.viewmodel.SampleSource;
import dev.chronoscope.modeleditor.viewmodel.SourcesViewModel;
import dev.chronoscope.modeleditor.viewmodel.BrowserViewModel;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

import java.io.File;
import java.nio.file.Path;

/** Importing samples (Vidur, Nsight Systems, project files), calibrating cpu-local, and versions as JSON. */
public final class SourcesPanel extends VBox {
    private final TextField path = new TextField();

    public SourcesPanel(SourcesViewModel vm, BrowserViewModel browser, KernelEditorViewModel editor) {
        super(8);
        setPadding(new Insets(8));
        ComboBox<SampleSource> source = new ComboBox<>();
        source.setId("import-source");
        source.getItems().setAll(SampleSource.values());
        source.setValue(SampleSource.VIDUR);
        source.setCellFactory(l -> new SourceCell());
        source.setButtonCell(new SourceCell());
        path.setId("import-path");
        path.setPromptText("file or folder to import");
        HBox.setHgrow(path, Priority.ALWAYS);
        Button file = new Button("File…");
        file.setOnAction(e -> choose(new FileChooser().showOpenDialog(getScene().getWindow())));
        Button folder = new Button("Folder…");
        folder.setOnAction(e -> choose(new DirectoryChooser().showDialog(getScene().getWindow())));
        ComboBox<String> device = new ComboBox<>();
        device.setId("import-device");
        device.setEditable(true);
        device.setPromptText("device measured on");
        device.setPrefWidth(220);
        browser.devicesProperty().addListener((o, a, b) -> device.getItems().setAll(b.stream().map(BrowserNode::row).map(r -> r.device()).toList()));
        editor.kernelProperty().addListener((o, a, b) -> { if (b != null && (device.getValue() == null || device.getValue().isBlank())) device.setValue(b.device()); });
        Button importButton = new Button("Import samples");
        importButton.setId("import-samples");
        importButton.setOnAction(e -> vm.importSamples(source.getValue(), Path.of(path.getText().strip()), device.getEditor().getText()));
        importButton.disableProperty().bind(path.textProperty().isEmpty());

        Button calibrate = new Button("Calibrate cpu-local");
        calibrate.setId("calibrate");
        ProgressBar calibration = new ProgressBar(0);
        calibration.setPrefWidth(160);
        Button cancelCalibration = new Button("Cancel");
        cancelCalibration.disableProperty().bind(vm.calibratingProperty().not());
        Label calibrationState = new Label();
        calibrationState.setId("calibration-state");
        if (vm.calibrationAvailable()) {
            calibrate.disableProperty().bind(vm.calibratingProperty());
            calibrate.setOnAction(e -> vm.calibrate());
            calibrationState.setText("sweeps this machine's CPU kernels over shapes; samples go to " + CalibrationService.DEVICE);
        } else {
            calibrate.setDisable(true);
            calibrationState.setText("not available: " + vm.calibrationUnavailableReason());
            Tooltip.install(calibrationState, new Tooltip(vm.calibrationUnavailableReason()));
        }
        vm.calibrationTaskProperty().addListener((o, a, b) -> bind(b, calibration, calibrationState, cancelCalibration));

        Button exportKernel = new Button("Export this kernel's versions…");
        exportKernel.disableProperty().bind(editor.kernelProperty().isNull());
        exportKernel.setOnAction(e -> save("versions-" + editor.kernelProperty().get().kernel() + ".json", p -> vm.exportVersions(p, editor.kernelProperty().get())));
        Button exportAll = new Button("Export all versions…");
        exportAll.setOnAction(e -> save("models.json", p -> vm.exportVersions(p, null)));
        Button importVersions = new Button("Import versions…");
        importVersions.setOnAction(e -> {
            FileChooser chooser = jsonChooser();
            File f = chooser.showOpenDialog(getScene().getWindow());
            if (f != null) vm.importVersions(f.toPath());
        });

        getChildren().addAll(
                header("Import samples"),
                row(new Label("format"), source, new Label("device"), device),
                row(path, file, folder, importButton),
                hint("Each file is read and checked whole before one transaction stores it; a bad value stops the import with file:line: column."),
                new Separator(),
                header("Calibrate this machine"),
                row(calibrate, calibration, cancelCalibration, calibrationState),
                new Separator(),
                header("Versions as JSON (chronoscope models export/import format)"),
                row(exportKernel, exportAll, importVersions));
    }

    private void choose(File f) {
        if (f != null) path.setText(f.getAbsolutePath());
    }

    private void save(String name, java.util.function.Consumer<Path> action) {
        FileChooser chooser = jsonChooser();
        chooser.setInitialFileName(name);
        File f = chooser.showSaveDialog(getScene().getWindow());
        if (f != null) action.accept(f.toPath());
    }

    private static FileChooser jsonChooser() {
        FileChooser chooser = new FileChooser();
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON", "*.json"));
        return chooser;
    }

    private static void bind(TaskHandle h, ProgressBar bar, Label text, Button cancel) {
        bar.progressProperty().unbind();
        text.textProperty().unbind();
        if (h == null) return;
        bar.progressProperty().bind(h.progressProperty());
        text.textProperty().bind(h.messageProperty());
        cancel.setOnAction(e -> h.cancel());
        h.stateProperty().addListener((o, a, b) -> { if (b == TaskState.CANCELLED) bar.progressProperty().unbind(); });
    }

    private static HBox row(javafx.scene.Node... nodes) {
        HBox b = new HBox(6, nodes);
        b.setAlignment(Pos.CENTER_LEFT);
        return b;
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-header");
        return l;
    }

    private static Label hint(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("hint");
        l.setWrapText(true);
        return l;
    }

    private static final class SourceCell extends ListCell<SampleSource> {
        @Override protected void updateItem(SampleSource s, boolean empty) {
            super.updateItem(s, empty);
            setText(empty || s == null ? null : s.description());
        }
    }
}
