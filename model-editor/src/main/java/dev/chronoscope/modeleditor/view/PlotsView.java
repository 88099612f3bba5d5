package dev.chronoscope.modeleditor.view;

import dev.chronoscope.emulator.models.store.ModelVersion;
import dev.chronoscope.modeleditor.plot.XYPlot;
import dev.chronoscope.modeleditor.viewmodel.KernelEditorViewModel;
import javafx.beans.Observable;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.util.List;

/**
 * Samples and fit over the chosen feature, parity with its ±10 % band, and residuals; all three
 * brush the shared selection. The x feature, log scales and the version to compare are chosen here.
 */
public final class PlotsView extends BorderPane {
    private final KernelEditorViewModel vm;
    private final XYPlot fit = new XYPlot(), parity = new XYPlot(), residuals = new XYPlot();
    private final ComboBox<String> axis = new ComboBox<>();
    private final ComboBox<ModelVersion> compare = new ComboBox<>();
    private boolean updatingCompare;

    public PlotsView(KernelEditorViewModel vm) {
        this.vm = vm;
        fit.setId("fit-plot");
        parity.setId("parity-plot");
        residuals.setId("residual-plot");
        axis.setId("x-feature");
        compare.setId("compare-version");

        fit.titleProperty().set("Samples and fit");
        fit.yLabelProperty().set("duration (µs)");
        fit.xLabelProperty().bind(vm.xFeatureProperty());
        fit.logXProperty().bind(vm.logXProperty());
        fit.logYProperty().bind(vm.logYProperty());
        parity.titleProperty().set("Parity");
        parity.xLabelProperty().set("measured (µs)");
        parity.yLabelProperty().set("predicted (µs)");
        parity.logXProperty().bind(vm.logYProperty());
        parity.logYProperty().bind(vm.logYProperty());
        residuals.titleProperty().set("Residuals");
        residuals.xLabelProperty().bind(vm.xFeatureProperty());
        residuals.yLabelProperty().set("(predicted − measured) / measured, %");
        residuals.logXProperty().bind(vm.logXProperty());
        for (XYPlot p : List.of(fit, parity, residuals)) {
            p.selectedProperty().bind(vm.selection().idsProperty());
            p.setOnSelect((ids, additive) -> vm.selection().select(ids, additive));
        }

        axis.setItems(vm.availableFeatures());
        axis.valueProperty().bindBidirectional(vm.xFeatureProperty());
        CheckBox logX = new CheckBox("log x");
        logX.setId("log-x");
        logX.selectedProperty().bindBidirectional(vm.logXProperty());
        CheckBox logY = new CheckBox("log y");
        logY.setId("log-y");
        logY.selectedProperty().bindBidirectional(vm.logYProperty());
        compare.setPromptText("compare with…");
        compare.setPrefWidth(300);
        compare.setMaxWidth(300);
        axis.setPrefWidth(170);
        axis.setMinWidth(120);
        compare.setCellFactory(l -> new VersionCell());
        compare.setButtonCell(new VersionCell());
        vm.versions().addListener((ListChangeListener<ModelVersion>) c -> refreshCompareChoices());
        vm.compareVersionProperty().addListener((o, a, b) -> {
            updatingCompare = true;
            compare.setValue(b);
            updatingCompare = false;
        });
        compare.valueProperty().addListener((o, a, b) -> { if (!updatingCompare) vm.compareWith(b); });
        Label hint = new Label("click: pick · drag: lasso · Shift: add");
        hint.setMinWidth(Region.USE_PREF_SIZE);
        hint.getStyleClass().add("hint");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox controls = new HBox(8, new Label("x axis"), axis, logX, logY, new Label("compare"), compare, spacer, hint);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setPadding(new Insets(4, 8, 4, 8));

        SplitPane lower = new SplitPane(parity, residuals);
        SplitPane all = new SplitPane(fit, lower);
        all.setOrientation(Orientation.VERTICAL);
        all.setDividerPositions(0.55);
        setTop(controls);
        setCenter(all);

        for (Observable o : List.of(vm.evaluationProperty(), vm.xFeatureProperty(), vm.samples(), vm.shownVersionProperty(), vm.editedProperty())) {
            o.addListener(x -> redraw());
        }
    }

    private void refreshCompareChoices() {
        updatingCompare = true;
        ModelVersion keep = vm.compareVersionProperty().get();
        compare.getItems().setAll(vm.versions());
        compare.setValue(keep);
        updatingCompare = false;
    }

    private void redraw() {
        var rows = vm.samples();
        var e = vm.evaluation();
        ModelVersion shown = vm.shownVersion();
        String fitLabel = (shown == null ? "roofline default" : "v" + shown.id()) + (vm.editedProperty().get() ? " (edited)" : "");
        ModelVersion c = vm.compareVersionProperty().get();
        fit.dataProperty().set(SamplePlots.fit(rows, e, vm.xFeatureProperty().get(), fitLabel, c == null ? "" : "v" + c.id()));
        parity.dataProperty().set(SamplePlots.parity(rows, e));
        residuals.dataProperty().set(SamplePlots.residuals(rows, e, vm.xFeatureProperty().get()));
    }

    public XYPlot fitPlot() { return fit; }

    public XYPlot parityPlot() { return parity; }

    public XYPlot residualPlot() { return residuals; }

    /** Names a version in the compare choice: id, form, CV MAPE, note. */
    static final class VersionCell extends ListCell<ModelVersion> {
        @Override protected void updateItem(ModelVersion v, boolean empty) {
            super.updateItem(v, empty);
            setText(empty || v == null ? "none" : "v" + v.id() + " · " + v.model().form().id() + " · CV " + Formats.percent(v.metrics().cvMape())
                    + (v.note() == null || v.note().isBlank() ? "" : " · " + v.note()));
        }
    }
}
