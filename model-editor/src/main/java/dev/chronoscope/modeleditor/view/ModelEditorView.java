package dev.chronoscope.modeleditor.view;

import dev.chronoscope.emulator.models.store.ModelVersion;
import dev.chronoscope.modeleditor.viewmodel.KernelEditorViewModel;
import dev.chronoscope.modeleditor.viewmodel.ModelEditorViewModel;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.Objects;

/**
 * The editor's whole view: toolbar (undo/redo, exclusions, activation, re-run), the browser on the
 * left, and on the right the metrics strip, the plots and the tabs (samples, model, diff, sources,
 * run comparison), with the status line and any error at the bottom.
 */
public final class ModelEditorView extends BorderPane {
    public static final String STYLESHEET = Objects.requireNonNull(ModelEditorView.class.getResource("model-editor.css")).toExternalForm();

    private final ModelEditorViewModel vm;
    private final BrowserView browser;
    private final PlotsView plots;
    private final SampleTableView table;
    private final TabPane tabs = new TabPane();

    public ModelEditorView(ModelEditorViewModel vm) {
        this.vm = vm;
        KernelEditorViewModel editor = vm.editor();
        getStyleClass().add("model-editor");
        getStylesheets().add(STYLESHEET);
        browser = new BrowserView(vm.browser(), editor);
        plots = new PlotsView(editor);
        table = new SampleTableView(editor);

        Tab samples = new Tab("Samples", table);
        Tab model = new Tab("Model", new ModelPanel(editor));
        Tab diff = new Tab("Diff", new DiffView(editor));
        Tab sources = new Tab("Sources", new SourcesPanel(vm.sources(), vm.browser(), editor));
        Tab comparison = new Tab("Run comparison", comparisonPane());
        tabs.getTabs().addAll(samples, model, diff, sources, comparison);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        editor.diffProperty().addListener((o, a, b) -> { if (b != null) tabs.getSelectionModel().select(diff); });
        vm.rerun().comparisonProperty().addListener((o, a, b) -> { if (b != null) tabs.getSelectionModel().select(comparison); });

        SplitPane work = new SplitPane(plots, tabs);
        work.setOrientation(Orientation.VERTICAL);
        work.setDividerPositions(0.62);
        VBox right = new VBox(new MetricsStrip(editor), work);
        VBox.setVgrow(work, Priority.ALWAYS);
        SplitPane main = new SplitPane(browser, right);
        main.setDividerPositions(0.40);
        SplitPane.setResizableWithParent(browser, false);

        setTop(toolbar(editor));
        setCenter(main);
        setBottom(statusArea());
        sceneProperty().addListener((o, a, b) -> { if (b != null) installShortcuts(b); });
    }

    private ToolBar toolbar(KernelEditorViewModel editor) {
        var commands = vm.commands();
        Button undo = button("undo", "Undo", e -> commands.undo());
        undo.setTooltip(new Tooltip());
        undo.getTooltip().textProperty().bind(commands.undoTextProperty());
        undo.disableProperty().bind(commands.canUndoProperty().not());
        Button redo = button("redo", "Redo", e -> commands.redo());
        redo.setTooltip(new Tooltip());
        redo.getTooltip().textProperty().bind(commands.redoTextProperty());
        redo.disableProperty().bind(commands.canRedoProperty().not());

        TextField reason = new TextField("excluded by hand");
        reason.setId("exclude-reason");
        reason.setPrefColumnCount(14);
        reason.setTooltip(new Tooltip("reason stored with the excluded samples"));
        var noSelection = Bindings.createBooleanBinding(() -> editor.selection().ids().isEmpty(), editor.selection().idsProperty());
        Button exclude = button("exclude", "Exclude", e -> editor.exclude(editor.selection().ids(), reason.getText().isBlank() ? "excluded by hand" : reason.getText()));
        exclude.disableProperty().bind(noSelection);
        Button include = button("include", "Include", e -> editor.include(editor.selection().ids()));
        include.disableProperty().bind(noSelection);
        Button autoFlag = button("auto-flag", "Auto-flag", e -> {
            int n = editor.autoFlag(8);
            vm.feedback().status(n == 0 ? "Auto-flag: no sample breaks the 8·MAD rule" : "Auto-flag excluded " + n + " samples");
        });
        autoFlag.setTooltip(new Tooltip("exclude samples whose relative residual is beyond max(8·MAD, 20 %) from the median"));
        autoFlag.disableProperty().bind(editor.kernelProperty().isNull());

        Button activate = button("activate", "Activate", e -> editor.activate(editor.shownVersion()));
        activate.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            ModelVersion v = editor.shownVersion();
            return v == null || v.id() == editor.activeVersionId();
        }, editor.shownVersionProperty(), editor.activeVersionIdProperty()));
        activate.setTooltip(new Tooltip("make the shown version the one predictions use"));
        exclude.setTooltip(new Tooltip("leave the selected samples out of fits, with the reason"));
        include.setTooltip(new Tooltip("take the selected samples back into fits"));
        Button rerun = button("rerun", "Re-run with this model", e -> vm.rerun().rerun());
        rerun.disableProperty().bind(vm.rerun().canRerunProperty().not());
        Tooltip rerunTip = new Tooltip();
        rerunTip.textProperty().bind(Bindings.createStringBinding(() -> vm.rerun().handlerProperty().get() == null
                ? "available when the editor runs inside the workbench"
                : "re-run the current scenario with the versions activated here", vm.rerun().handlerProperty()));
        rerun.setTooltip(rerunTip);
        return new ToolBar(undo, redo, new Separator(), new Label("reason"), reason, exclude, include, autoFlag, new Separator(), activate, rerun);
    }

    private Node statusArea() {
        Label error = new Label();
        error.setId("error");
        error.setWrapText(true);
        error.textProperty().bind(vm.feedback().errorProperty());
        Button dismiss = new Button("Dismiss");
        dismiss.setOnAction(e -> vm.feedback().dismissError());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox banner = new HBox(8, error, spacer, dismiss);
        banner.getStyleClass().add("error-banner");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.visibleProperty().bind(vm.feedback().errorProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        Label status = new Label();
        status.setId("status");
        status.textProperty().bind(vm.feedback().statusProperty());
        HBox bar = new HBox(status);
        bar.getStyleClass().add("status-bar");
        return new VBox(banner, bar);
    }

    private Node comparisonPane() {
        Label placeholder = new Label("After \"Re-run with this model\", the workbench shows here how the new run compares with the previous one.\n"
                + "Run on its own, the editor has no workbench to re-run with.");
        placeholder.setWrapText(true);
        placeholder.getStyleClass().add("hint");
        StackPane pane = new StackPane(placeholder);
        pane.setPadding(new Insets(12));
        vm.rerun().comparisonProperty().addListener((o, a, b) -> pane.getChildren().setAll(b != null ? b : placeholder));
        return pane;
    }

    private void installShortcuts(Scene scene) {
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+Z"), vm.commands()::undo);
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+Shift+Z"), vm.commands()::redo);
        scene.getAccelerators().put(KeyCombination.keyCombination("Shortcut+Y"), vm.commands()::redo);
    }

    private static Button button(String id, String text, javafx.event.EventHandler<javafx.event.ActionEvent> action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(action);
        return b;
    }

    public BrowserView browser() { return browser; }

    public PlotsView plots() { return plots; }

    public SampleTableView sampleTable() { return table; }

    public TabPane tabs() { return tabs; }
}
