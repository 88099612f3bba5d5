package dev.chronoscope.modeleditor.view;

import dev.chronoscope.modeleditor.viewmodel.KernelEditorViewModel;
import dev.chronoscope.modeleditor.viewmodel.SampleRow;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.TableCell;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The samples of the kernel, one row each, selected in step with the plots. */
public final class SampleTableView extends TableView<SampleRow> {
    private final KernelEditorViewModel vm;
    private final Map<Long, Integer> indexById = new HashMap<>();
    private boolean syncing;

    public SampleTableView(KernelEditorViewModel vm) {
        this.vm = vm;
        setId("sample-table");
        SortedList<SampleRow> sorted = new SortedList<>(vm.samples());
        sorted.comparatorProperty().bind(comparatorProperty());
        setItems(sorted);
        vm.samples().addListener((ListChangeListener<SampleRow>) c -> reindex());
        getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        setPlaceholder(new javafx.scene.control.Label("No samples for this kernel in the store: import some (Sources tab)."));
        rebuildColumns();
        vm.availableFeatures().addListener((ListChangeListener<String>) c -> rebuildColumns());
        vm.evaluationProperty().addListener(o -> refresh());
        getSelectionModel().getSelectedItems().addListener((ListChangeListener<SampleRow>) c -> {
            if (syncing) return;
            syncing = true;
            vm.selection().select(getSelectionModel().getSelectedItems().stream().map(SampleRow::id).toList(), false);
            syncing = false;
        });
        vm.selection().idsProperty().addListener((o, a, b) -> showSelection(b));
    }

    private void showSelection(Set<Long> ids) {
        if (syncing) return;
        syncing = true;
        getSelectionModel().clearSelection();
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < getItems().size(); i++) if (ids.contains(getItems().get(i).id())) rows.add(i);
        if (!rows.isEmpty()) {
            getSelectionModel().selectIndices(rows.getFirst(), rows.stream().skip(1).mapToInt(Integer::intValue).toArray());
            scrollTo(rows.getFirst());
        }
        syncing = false;
    }

    private void rebuildColumns() {
        getColumns().clear();
        getColumns().add(numeric("id", 60, r -> (double) r.id(), v -> Long.toString((long) v)));
        getColumns().add(numeric("measured µs", 95, r -> r.nanos(), Formats::micros));
        getColumns().add(numeric("predicted µs", 95, this::predicted, Formats::micros));
        getColumns().add(numeric("residual", 75, r -> 100 * (predicted(r) - r.nanos()) / r.nanos(), Formats::percent));
        TableColumn<SampleRow, Boolean> excluded = new TableColumn<>("excluded");
        excluded.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().excluded()));
        excluded.setPrefWidth(70);
        getColumns().add(excluded);
        getColumns().add(column("reason", 200, r -> r.reason() == null ? "" : r.reason()));
        Set<String> raw = new LinkedHashSet<>();
        for (SampleRow r : vm.samples()) for (int i = 0; i < r.raw().size(); i++) raw.add(r.raw().name(i));
        for (String f : raw) getColumns().add(numeric(f, 95, r -> r.raw().get(f, Double.NaN), v -> Double.isNaN(v) ? "" : Formats.number(v)));
        getColumns().add(column("source", 260, SampleRow::source));
    }

    private void reindex() {
        indexById.clear();
        for (int i = 0; i < vm.samples().size(); i++) indexById.put(vm.samples().get(i).id(), i);
    }

    /** The prediction for a row; evaluation arrays follow the order of the view-model's sample list. */
    private double predicted(SampleRow r) {
        Integer i = indexById.get(r.id());
        double[] p = vm.evaluation().predicted();
        return i != null && i < p.length ? p[i] : Double.NaN;
    }

    private static TableColumn<SampleRow, Double> numeric(String name, double width, ToDoubleFunction<SampleRow> value, DoubleFunction<String> text) {
        TableColumn<SampleRow, Double> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.applyAsDouble(cell.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : text.apply(v));
            }
        });
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        c.setPrefWidth(width);
        return c;
    }

    private static TableColumn<SampleRow, String> column(String name, double width, java.util.function.Function<SampleRow, String> value) {
        TableColumn<SampleRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
