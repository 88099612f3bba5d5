package dev.chronoscope.modeleditor.view;

import dev.chronoscope.emulator.models.fit.Solver;
import dev.chronoscope.emulator.models.form.EngineeredFeatures;
import dev.chronoscope.emulator.models.form.ModelForm;
import dev.chronoscope.modeleditor.task.TaskHandle;
import dev.chronoscope.modeleditor.viewmodel.Coefficient;
import dev.chronoscope.modeleditor.viewmodel.FitSettings;
import dev.chronoscope.modeleditor.viewmodel.KernelEditorViewModel;
import dev.chronoscope.modeleditor.viewmodel.ModelParameters;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ListView;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The model's form, features and solver for the next refit; the refit itself with progress and
 * cancel; the drawn model's coefficients, editable by hand; saving the edit as a version.
 */
public final class ModelPanel extends HBox {
    private final KernelEditorViewModel vm;
    private final ComboBox<ModelForm> form = new ComboBox<>();
    private final ComboBox<Solver> solver = new ComboBox<>();
    // A core ListView of check boxes: ControlsFX's CheckListView pulls the scene's focus to itself
    // whenever its items change, which then trips JavaFX's focus clean-up when its tab is hidden.
    private final ListView<String> features = new ListView<>();
    private final Map<String, BooleanProperty> checked = new HashMap<>();
    private final TableView<Coefficient> coefficients = new TableView<>();
    private boolean updating;

    public ModelPanel(KernelEditorViewModel vm) {
        super(12);
        this.vm = vm;
        setPadding(new Insets(8));
        form.setId("form");
        solver.setId("solver");
        features.setId("features");
        coefficients.setId("coefficients");
        form.getItems().setAll(ModelForm.values());
        solver.getItems().setAll(Solver.values());
        form.valueProperty().addListener((o, a, b) -> { if (!updating && b != null) vm.setForm(b); });
        solver.valueProperty().addListener((o, a, b) -> { if (!updating && b != null) vm.setSolver(b); });
        features.setCellFactory(CheckBoxListCell.forListView(this::checkedProperty));
        vm.availableFeatures().addListener((ListChangeListener<String>) c -> showSettings());
        vm.fitSettingsProperty().addListener((o, a, b) -> showSettings());
        features.setPrefHeight(200);
        Label featuresHint = new Label("linear: the terms · table: key features, with the plot's x feature as axis");
        featuresHint.getStyleClass().add("hint");
        featuresHint.setWrapText(true);
        featuresHint.setMinHeight(Region.USE_PREF_SIZE);

        Button refit = new Button("Refit");
        refit.setId("refit");
        refit.setOnAction(e -> vm.refit());
        refit.disableProperty().bind(vm.refittingProperty().or(vm.kernelProperty().isNull()));
        Button cancel = new Button("Cancel");
        cancel.setId("cancel-refit");
        cancel.setOnAction(e -> vm.cancelRefit());
        cancel.disableProperty().bind(vm.refittingProperty().not());
        ProgressBar progress = new ProgressBar(0);
        progress.setPrefWidth(160);
        Label progressText = new Label();
        progressText.setId("refit-message");
        vm.refitProperty().addListener((o, a, b) -> bindProgress(b, progress, progressText));
        VBox settings = new VBox(6, new HBox(6, new Label("form"), form, new Label("solver"), solver), new Label("features"), features,
                featuresHint, new HBox(6, refit, cancel, progress), progressText);
        settings.setPrefWidth(430);

        TableColumn<Coefficient, String> name = new TableColumn<>("parameter");
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        name.setPrefWidth(330);
        TableColumn<Coefficient, String> value = new TableColumn<>("value");
        value.setCellValueFactory(c -> new ReadOnlyStringWrapper(Formats.number(c.getValue().value())));
        value.setCellFactory(TextFieldTableCell.forTableColumn());
        value.setOnEditCommit(e -> vm.setCoefficient(e.getRowValue().name(), e.getNewValue()));
        value.setPrefWidth(160);
        coefficients.getColumns().add(name);
        coefficients.getColumns().add(value);
        coefficients.setEditable(true);
        coefficients.setPlaceholder(new Label("no model"));
        coefficients.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override protected void updateItem(Coefficient c, boolean empty) {
                super.updateItem(c, empty);
                setEditable(c != null && c.editable());
            }
        });
        vm.modelProperty().addListener((o, a, b) -> coefficients.getItems().setAll(b == null ? List.of() : ModelParameters.of(b)));
        TextField note = new TextField();
        note.setId("save-note");
        note.setPromptText("note for the new version");
        Button save = new Button("Save edit as version");
        save.setId("save-edit");
        save.disableProperty().bind(vm.editedProperty().not());
        save.setOnAction(e -> vm.saveEdited(note.getText()));
        HBox.setHgrow(note, Priority.ALWAYS);
        Label coefficientsTitle = new Label("coefficients of the drawn model (ns per unit of each feature); double-click a value to edit it");
        coefficientsTitle.setWrapText(true);
        coefficientsTitle.setMinHeight(Region.USE_PREF_SIZE);
        VBox coefficientBox = new VBox(6, coefficientsTitle, coefficients, new HBox(6, note, save));
        VBox.setVgrow(coefficients, Priority.ALWAYS);
        HBox.setHgrow(coefficientBox, Priority.ALWAYS);
        setAlignment(Pos.TOP_LEFT);
        getChildren().addAll(settings, coefficientBox);
    }

    private void bindProgress(TaskHandle h, ProgressBar bar, Label text) {
        bar.progressProperty().unbind();
        text.textProperty().unbind();
        if (h == null) {
            bar.setProgress(0);
            text.setText("");
            return;
        }
        bar.progressProperty().bind(h.progressProperty());
        text.textProperty().bind(h.messageProperty());
    }

    /** Checked features in list order, the plot's x feature last for a table (its axis). */
    private List<String> checkedInOrder() {
        List<String> out = new ArrayList<>(features.getItems().stream().filter(f -> checkedProperty(f).get()).toList());
        FitSettings s = vm.fitSettings();
        String axis = vm.xFeatureProperty().get();
        if (s != null && s.form() == ModelForm.TABLE && out.remove(axis)) out.add(axis);
        return out;
    }

    private BooleanProperty checkedProperty(String feature) {
        return checked.computeIfAbsent(feature, f -> {
            BooleanProperty p = new SimpleBooleanProperty();
            p.addListener((o, a, b) -> { if (!updating) vm.setFeatures(checkedInOrder()); });
            return p;
        });
    }

    private void showSettings() {
        FitSettings s = vm.fitSettings();
        updating = true;
        try {
            Set<String> items = new LinkedHashSet<>();
            // Engineered terms first: the shipped linear models use them, so the checked ones are in view.
            items.addAll(EngineeredFeatures.NAMES);
            items.addAll(vm.availableFeatures());
            if (s != null) items.addAll(s.features());
            if (!features.getItems().equals(new ArrayList<>(items))) features.getItems().setAll(items);
            for (String f : items) checkedProperty(f).set(s != null && s.features().contains(f));
            if (s != null) {
                form.setValue(s.form());
                solver.setValue(s.solver());
            }
            features.setDisable(s != null && s.form() == ModelForm.ROOFLINE);
        } finally {
            updating = false;
        }
    }
}
