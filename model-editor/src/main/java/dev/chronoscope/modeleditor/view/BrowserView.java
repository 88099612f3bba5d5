package dev.chronoscope.modeleditor.view;

import dev.chronoscope.modeleditor.viewmodel.BrowserNode;
import dev.chronoscope.modeleditor.viewmodel.BrowserRow;
import dev.chronoscope.modeleditor.viewmodel.BrowserViewModel;
import dev.chronoscope.modeleditor.viewmodel.KernelEditorViewModel;
import dev.chronoscope.modeleditor.viewmodel.KernelKey;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Device → kernel → versions, with each version's R², MAPE, k-fold CV MAPE and samples used/total
 * (fitted on / stored now: shipped defaults were fitted on profiles the store may not hold);
 * kernels on their roofline default are greyed. Choosing a kernel or version opens it in the editor.
 */
public final class BrowserView extends TreeTableView<BrowserRow> {
    private final KernelEditorViewModel editor;
    private final Set<String> expanded = new HashSet<>();
    private boolean rebuilding;

    public BrowserView(BrowserViewModel vm, KernelEditorViewModel editor) {
        this.editor = editor;
        setId("browser");
        setShowRoot(false);
        setRoot(new TreeItem<>());
        getColumns().add(column("device / kernel / version", 172, BrowserRow::name));
        getColumns().add(column("form", 64, r -> r.version() == null ? (r.rooflineOnly() ? "roofline" : "") : r.version().model().form().id()));
        getColumns().add(column("R²", 56, r -> r.version() == null ? "" : Formats.r2(r.version().metrics().r2())));
        getColumns().add(column("MAPE", 54, r -> r.version() == null ? "" : Formats.percent(r.version().metrics().mape())));
        getColumns().add(column("CV MAPE", 62, r -> r.version() == null ? "" : Formats.percent(r.version().metrics().cvMape())));
        getColumns().add(column("fitted / stored", 92, r -> r.kind() == BrowserRow.Kind.DEVICE || r.rooflineOnly() && r.samplesTotal() == 0 ? "" : r.samplesUsed() + " / " + r.samplesTotal()));
        getColumns().add(column("status", 118, BrowserRow::status));
        setColumnResizePolicy(TreeTableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        getColumns().forEach(c -> c.setSortable(false));
        setRowFactory(t -> new TreeTableRow<>() {
            @Override protected void updateItem(BrowserRow r, boolean empty) {
                super.updateItem(r, empty);
                getStyleClass().removeAll("roofline-only", "active-version", "device-row");
                if (empty || r == null) return;
                if (r.rooflineOnly()) getStyleClass().add("roofline-only");
                if (r.kind() == BrowserRow.Kind.VERSION && r.status().startsWith("active")) getStyleClass().add("active-version");
                if (r.kind() == BrowserRow.Kind.DEVICE) getStyleClass().add("device-row");
            }
        });
        vm.devicesProperty().addListener((o, a, b) -> rebuild(b));
        getSelectionModel().selectedItemProperty().addListener((o, a, b) -> { if (!rebuilding && b != null) open(b.getValue()); });
    }

    private void open(BrowserRow r) {
        if (r.kind() == BrowserRow.Kind.DEVICE) return;
        KernelKey current = editor.kernelProperty().get();
        if (r.kind() == BrowserRow.Kind.KERNEL) {
            if (!r.key().equals(current)) editor.load(r.key());
        } else if (r.key().equals(current)) {
            editor.versions().stream().filter(v -> v.id() == r.version().id()).findFirst().ifPresent(editor::showVersion);
        } else {
            editor.load(r.key(), r.version().id());
        }
    }

    /** Replaces the tree, keeping what was expanded and selected. */
    private void rebuild(List<BrowserNode> devices) {
        rebuilding = true;
        try {
            rememberExpanded(getRoot());
            String selected = getSelectionModel().getSelectedItem() == null ? null : identity(getSelectionModel().getSelectedItem().getValue());
            TreeItem<BrowserRow> root = new TreeItem<>();
            TreeItem<BrowserRow> reselect = null;
            for (BrowserNode d : devices) {
                TreeItem<BrowserRow> di = item(d.row());
                for (BrowserNode k : d.children()) {
                    TreeItem<BrowserRow> ki = item(k.row());
                    for (BrowserNode v : k.children()) ki.getChildren().add(item(v.row()));
                    di.getChildren().add(ki);
                    if (Objects.equals(identity(k.row()), selected)) reselect = ki;
                    for (TreeItem<BrowserRow> vi : ki.getChildren()) if (Objects.equals(identity(vi.getValue()), selected)) reselect = vi;
                }
                root.getChildren().add(di);
            }
            setRoot(root);
            if (reselect != null) getSelectionModel().select(reselect);
        } finally {
            rebuilding = false;
        }
    }

    private TreeItem<BrowserRow> item(BrowserRow r) {
        TreeItem<BrowserRow> i = new TreeItem<>(r);
        i.setExpanded(expanded.contains(identity(r)));
        return i;
    }

    private void rememberExpanded(TreeItem<BrowserRow> item) {
        for (TreeItem<BrowserRow> c : item.getChildren()) {
            if (c.isExpanded()) expanded.add(identity(c.getValue())); else expanded.remove(identity(c.getValue()));
            rememberExpanded(c);
        }
    }

    private static String identity(BrowserRow r) {
        return r.kind() + "|" + r.device() + "|" + r.kernel() + "|" + (r.kind() == BrowserRow.Kind.VERSION ? r.version().id() : "");
    }

    /** Expands the way to (device, kernel) and selects it, opening it in the editor. */
    public void reveal(KernelKey key) {
        for (TreeItem<BrowserRow> d : getRoot().getChildren()) {
            if (!d.getValue().device().equals(key.device())) continue;
            d.setExpanded(true);
            for (TreeItem<BrowserRow> k : d.getChildren()) {
                if (k.getValue().kernel().equals(key.kernel())) {
                    k.setExpanded(true);
                    getSelectionModel().select(k);
                    scrollTo(getRow(k));
                    return;
                }
            }
        }
    }

    private static TreeTableColumn<BrowserRow, String> column(String name, double width, Function<BrowserRow, String> value) {
        TreeTableColumn<BrowserRow, String> c = new TreeTableColumn<>(name);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().getValue() == null ? "" : value.apply(cell.getValue().getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
