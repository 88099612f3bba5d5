package dev.chronoscope.modeleditor.view;

import dev.chronoscope.modeleditor.viewmodel.DiffRow;
import dev.chronoscope.modeleditor.viewmodel.KernelEditorViewModel;
import dev.chronoscope.modeleditor.viewmodel.ModelDiff;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;

import java.util.function.Function;

/** Metrics and coefficients of two models side by side: the last refit or save, or the compared version. */
public final class DiffView extends BorderPane {
    private final TableView<DiffRow> table = new TableView<>();
    private final Label caption = new Label("Refit, save or compare a version to see what changed.");
    private final TableColumn<DiffRow, String> before = column("before", 170, r -> Formats.number(r.before()));
    private final TableColumn<DiffRow, String> after = column("after", 170, r -> Formats.number(r.after()));

    public DiffView(KernelEditorViewModel vm) {
        setId("diff-view");
        table.getColumns().add(column("metric / parameter", 240, DiffRow::name));
        table.getColumns().add(before);
        table.getColumns().add(after);
        table.getColumns().add(column("change", 170, r -> Formats.change(r.before(), r.after())));
        table.setPlaceholder(new Label("no diff yet"));
        caption.getStyleClass().add("hint");
        setTop(caption);
        setCenter(table);
        vm.diffProperty().addListener((o, a, b) -> show(b));
    }

    private void show(ModelDiff d) {
        if (d == null) {
            table.getItems().clear();
            before.setText("before");
            after.setText("after");
            caption.setText("Refit, save or compare a version to see what changed.");
            return;
        }
        caption.setText(d.beforeLabel() + "  →  " + d.afterLabel());
        before.setText(d.beforeLabel());
        after.setText(d.afterLabel());
        table.getItems().setAll(d.rows());
    }

    private static TableColumn<DiffRow, String> column(String name, double width, Function<DiffRow, String> value) {
        TableColumn<DiffRow, String> c = new TableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }
}
