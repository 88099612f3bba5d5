package dev.chronoscope.modeleditor.view;

import dev.chronoscope.emulator.models.fit.FitMetrics;
import dev.chronoscope.emulator.models.store.ModelVersion;
import dev.chronoscope.modeleditor.viewmodel.KernelEditorViewModel;
import javafx.beans.Observable;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;

import java.util.List;

/**
 * The kernel's numbers at a glance: the shown version's stored fit metrics, the drawn model's
 * metrics on the samples included now (they move with every exclusion and hand edit), and which
 * version predictions use.
 */
public final class MetricsStrip extends FlowPane {
    private final KernelEditorViewModel vm;
    private final Label kernel = new Label(), stored = new Label(), live = new Label(), active = new Label();

    public MetricsStrip(KernelEditorViewModel vm) {
        super(18, 2);
        this.vm = vm;
        setId("metrics-strip");
        kernel.getStyleClass().add("strip-title");
        stored.setId("stored-metrics");
        live.setId("live-metrics");
        active.setId("active-version");
        getChildren().addAll(kernel, stored, live, active);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(5, 10, 5, 10));
        getStyleClass().add("metrics-strip");
        for (Observable o : List.of(vm.kernelProperty(), vm.shownVersionProperty(), vm.evaluationProperty(), vm.activeVersionIdProperty(), vm.editedProperty())) {
            o.addListener(x -> update());
        }
        update();
    }

    private void update() {
        kernel.setText(vm.kernelProperty().get() == null ? "Choose a kernel in the browser" : vm.kernelProperty().get().toString());
        ModelVersion v = vm.shownVersion();
        if (v == null) {
            stored.setText("shown: roofline default (no fitted version)");
        } else {
            FitMetrics m = v.metrics();
            stored.setText("shown v" + v.id() + " (" + v.model().form().id() + ") as fitted: R² " + Formats.r2(m.r2()) + " · MAPE " + Formats.percent(m.mape())
                    + " · CV MAPE " + Formats.percent(m.cvMape()) + " · " + m.samples() + " samples");
        }
        FitMetrics now = vm.evaluation().live();
        int total = vm.samples().size();
        live.setText((vm.editedProperty().get() ? "edited model" : "on included samples now") + ": R² " + Formats.r2(now.r2()) + " · MAPE "
                + Formats.percent(now.mape()) + " · max " + Formats.percent(now.maxErrorPct()) + " · used " + now.samples() + " / " + total);
        long a = vm.activeVersionId();
        active.setText(a == 0 ? "predictions: roofline default" : "predictions: v" + a);
    }
}
