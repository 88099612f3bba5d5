package dev.chronoscope.app.view;

import dev.chronoscope.app.runs.GpuPreset;
import dev.chronoscope.app.runs.ModelPreset;
import dev.chronoscope.app.runs.ScenarioField;
import dev.chronoscope.app.runs.ScenarioValidator;
import dev.chronoscope.app.viewmodel.ScenarioViewModel;
import javafx.collections.FXCollections;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.util.List;

/** The scenario form: every knob of {@code chronoscope emulate}, with its error shown under it. */
public final class ScenarioEditorView extends GridPane {
    private final ScenarioViewModel vm;
    private int row;

    public ScenarioEditorView(ScenarioViewModel vm) {
        this.vm = vm;
        getStyleClass().add("scenario-editor");
        setHgap(8);
        setVgap(3);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        getColumnConstraints().addAll(labels, fields);

        section("Deployment");
        choice(ScenarioField.MODEL, ModelPreset.ids(), false);
        choice(ScenarioField.GPU, GpuPreset.ids(), false);
        text(ScenarioField.TENSOR_PARALLEL);
        text(ScenarioField.PIPELINE_PARALLEL);
        text(ScenarioField.PROCESSES);
        section("Engine");
        text(ScenarioField.MAX_NUM_SEQS);
        text(ScenarioField.MAX_NUM_BATCHED_TOKENS);
        choice(ScenarioField.BLOCK_SIZE, ScenarioValidator.BLOCK_SIZES.stream().map(String::valueOf).toList(), true);
        text(ScenarioField.GPU_MEMORY_UTILIZATION);
        flag(ScenarioField.PREFIX_CACHING);
        flag(ScenarioField.CHUNKED_PREFILL);
        section("Workload");
        choice(ScenarioField.DATASET, ScenarioValidator.DATASETS, true);
        text(ScenarioField.REQUEST_RATE);
        text(ScenarioField.BURSTINESS);
        text(ScenarioField.NUM_PROMPTS);
        text(ScenarioField.SEED);
        section("Time");
        choice(ScenarioField.TIME_MODE, ScenarioValidator.TIME_MODES, false);
    }

    /** Node id of a field's input, e.g. "field-TENSOR_PARALLEL". */
    public static String fieldId(ScenarioField f) { return "field-" + f.name(); }

    /** Node id of a field's error label. */
    public static String errorId(ScenarioField f) { return "error-" + f.name(); }

    private void section(String title) {
        Label l = new Label(title);
        l.getStyleClass().add("section-title");
        add(l, 0, row++, 2, 1);
    }

    private void text(ScenarioField f) {
        TextField t = new TextField();
        t.textProperty().bindBidirectional(vm.value(f));
        t.setPrefColumnCount(8);
        put(f, t);
    }

    private void choice(ScenarioField f, List<String> options, boolean editable) {
        ComboBox<String> c = new ComboBox<>(FXCollections.observableArrayList(options));
        c.setEditable(editable);
        c.valueProperty().bindBidirectional(vm.value(f));
        c.setMaxWidth(Double.MAX_VALUE);
        put(f, c);
    }

    private void flag(ScenarioField f) {
        CheckBox c = new CheckBox();
        c.setSelected(Boolean.parseBoolean(vm.value(f).get()));
        c.selectedProperty().addListener((o, a, b) -> vm.value(f).set(String.valueOf(b)));
        vm.value(f).addListener((o, a, b) -> c.setSelected(Boolean.parseBoolean(b)));
        put(f, c);
    }

    private void put(ScenarioField f, Control input) {
        input.setId(fieldId(f));
        input.setTooltip(new Tooltip(f.option()));
        Label label = new Label(f.label());
        label.setLabelFor(input);
        Label error = new Label();
        error.setId(errorId(f));
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        error.textProperty().bind(vm.error(f));
        error.visibleProperty().bind(vm.error(f).isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        vm.error(f).addListener((o, a, b) -> markInvalid(input, !b.isEmpty()));
        markInvalid(input, !vm.error(f).get().isEmpty());
        add(label, 0, row);
        add(input, 1, row++);
        add(error, 1, row++);
    }

    private static void markInvalid(Node input, boolean invalid) {
        input.getStyleClass().remove("invalid");
        if (invalid) input.getStyleClass().add("invalid");
    }
}
