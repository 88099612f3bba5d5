package dev.chronoscope.app.view;

import dev.chronoscope.app.dashboard.DashboardView;
import dev.chronoscope.app.view.report.ReportView;
import dev.chronoscope.app.view.timeline.TimelinePane;
import dev.chronoscope.app.viewmodel.RunState;
import dev.chronoscope.app.viewmodel.RunViewModel;
import dev.chronoscope.app.viewmodel.WorkbenchViewModel;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TextField;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.Duration;

import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The workbench window's content: run controls on top, scenario editor and run list on the left,
 * the selected run's Dashboard, Timeline, Requests and KV cache tabs (and the Report) in the
 * middle, the status bar below. Binds to a {@link WorkbenchViewModel} and refreshes it 5 times a
 * second; the canvases redraw on their own pulses when their data changed.
 */
public final class WorkbenchView extends BorderPane {
    private final WorkbenchViewModel vm;
    private final TabPane tabs = new TabPane();
    private final Tab dashboardTab = tab("Dashboard");
    private final Tab timelineTab = tab("Timeline");
    private final Tab requestsTab = tab("Requests");
    private final Tab kvTab = tab("KV cache");
    private final Tab reportTab = tab("Report");
    private final Tab consoleTab = tab("Console");
    private final TextField stepMillis = new TextField("10");
    private final Label errorBanner = new Label();
    private final Label launchMessage = new Label();
    private final Map<RunViewModel, RunViews> views = new HashMap<>();
    private final Timeline ticker;

    /** The per-run views, built once per run. */
    public record RunViews(DashboardView dashboard, TimelinePane timeline, RequestsView requests, KvCacheView kv,
                           ConsoleView console) {}

    public WorkbenchView(WorkbenchViewModel vm) {
        this.vm = vm;
        getStyleClass().add("workbench");
        setTop(new VBox(menuBar(), toolbar()));
        setLeft(sidebar());
        setCenter(center());
        setBottom(new StatusBar(vm));
        reportTab.setContent(new ReportView(vm.report()));
        vm.selectedRunProperty().addListener((o, a, b) -> show(b));
        show(null);
        ticker = new Timeline(new KeyFrame(Duration.millis(200), e -> vm.refresh()));
        ticker.setCycleCount(Animation.INDEFINITE);
        sceneProperty().addListener((o, was, is) -> {
            if (is != null) ticker.play(); else ticker.stop();
        });
    }

    public TabPane tabs() { return tabs; }

    /** The views of a run, or null before it was first shown. */
    public RunViews viewsOf(RunViewModel run) { return views.get(run); }

    private ToolBar toolbar() {
        Label title = new Label("Chronoscope");
        title.getStyleClass().add("app-title");
        Button launch = button("Launch", "run-launch", Icons.LAUNCH, Color.web("#2e7d32"), this::launch);
        Button pause = button("Pause", "run-pause", Icons.PAUSE, Color.web("#37474f"), () -> selected().pause());
        Button resume = button("Resume", "run-resume", Icons.RESUME, Color.web("#2e7d32"), () -> selected().resume());
        Button step = button("Step", "run-step", Icons.STEP, Color.web("#37474f"), () -> selected().step());
        Button stepBy = button("Step Δt", "run-step-by", Icons.STEP, Color.web("#37474f"), this::stepBy);
        stepMillis.setId("step-millis");
        stepMillis.setPrefColumnCount(4);
        stepMillis.setTooltip(new Tooltip("virtual milliseconds that Step Δt runs before holding again"));
        Button stop = button("Stop", "run-stop", Icons.STOP, Color.web("#c62828"), () -> selected().stop());
        pause.disableProperty().bind(stateIsNot(s -> s == RunState.RUNNING));
        resume.disableProperty().bind(stateIsNot(s -> s == RunState.PAUSED));
        step.disableProperty().bind(stateIsNot(s -> s == RunState.RUNNING || s == RunState.PAUSED));
        stepBy.disableProperty().bind(stateIsNot(s -> s == RunState.RUNNING || s == RunState.PAUSED));
        stop.disableProperty().bind(stateIsNot(RunState::isLive));
        launchMessage.setId("launch-message");
        launchMessage.getStyleClass().add("field-error");
        Pane grow = new Pane();
        javafx.scene.layout.HBox.setHgrow(grow, Priority.ALWAYS);
        return new ToolBar(title, launch, pause, resume, step, stepBy, stepMillis, new Label("ms"), stop, launchMessage, grow);
    }

    private void stepBy() {
        try {
            double ms = Double.parseDouble(stepMillis.getText().trim());
            if (!(ms > 0) || Double.isInfinite(ms)) throw new NumberFormatException();
            launchMessage.setText("");
            selected().stepBy(Math.round(ms * 1e6));
        } catch (NumberFormatException e) {
            launchMessage.setText("Step Δt needs a positive number of virtual milliseconds, got '" + stepMillis.getText() + "'");
        }
    }

    private MenuBar menuBar() {
        MenuItem open = new MenuItem("Open run folder…");
        open.setId("menu-open-run");
        open.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Open a run folder (stream.bin + kernels/)");
            File dir = chooser.showDialog(getScene().getWindow());
            if (dir != null) vm.open(dir.toPath());
        });
        MenuItem trace = new MenuItem("Export Perfetto trace (trace.json)…");
        trace.setId("menu-export-trace");
        trace.setOnAction(e -> saveAs("trace.json", p -> selected().exportTrace(p)));
        MenuItem result = new MenuItem("Export result.json…");
        result.setId("menu-export-result");
        result.setOnAction(e -> saveAs("result.json", p -> selected().exportResult(p)));
        trace.disableProperty().bind(vm.selectedRunProperty().isNull());
        result.disableProperty().bind(vm.selectedRunProperty().isNull());
        return new MenuBar(new Menu("File", null, open, new SeparatorMenuItem(), trace, result));
    }

    private void saveAs(String name, Consumer<Path> export) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(name);
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) export.accept(file.toPath());
    }

    /** True unless a run is selected whose state passes {@code test}; re-evaluated on selection and state changes. */
    private ObservableValue<Boolean> stateIsNot(Predicate<RunState> test) {
        return vm.selectedRunProperty().flatMap(RunViewModel::stateProperty).map(s -> !test.test(s)).orElse(true);
    }

    private RunViewModel selected() { return vm.selectedRun(); }

    private void launch() {
        boolean launched = vm.launch().isPresent();
        launchMessage.setText(launched ? "" : "Fix the fields marked in red, then launch.");
    }

    private static Button button(String text, String id, String icon, Color color, Runnable action) {
        Button b = new Button(text, Icons.of(icon, color));
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    private Node sidebar() {
        ScrollPane editor = new ScrollPane(new ScenarioEditorView(vm.scenario()));
        editor.setFitToWidth(true);
        editor.setPadding(new Insets(6));
        TitledPane scenario = new TitledPane("Scenario", editor);
        scenario.setCollapsible(false);
        scenario.setMaxHeight(Double.MAX_VALUE);
        TitledPane runs = new TitledPane("Runs", new RunListView(vm));
        runs.setCollapsible(false);
        runs.setPrefHeight(230);
        VBox.setVgrow(scenario, Priority.ALWAYS);
        VBox box = new VBox(scenario, runs);
        box.setPrefWidth(370);
        box.setMinWidth(330);
        return box;
    }

    private Node center() {
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().addAll(dashboardTab, timelineTab, requestsTab, kvTab, reportTab, consoleTab);
        errorBanner.setId("run-error");
        errorBanner.getStyleClass().add("error-banner");
        errorBanner.setMaxWidth(Double.MAX_VALUE);
        errorBanner.setWrapText(true);
        errorBanner.managedProperty().bind(errorBanner.visibleProperty());
        VBox.setVgrow(tabs, Priority.ALWAYS);
        return new VBox(errorBanner, tabs);
    }

    private static Tab tab(String title) {
        Tab t = new Tab(title);
        t.setId("tab-" + title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        return t;
    }

    private void show(RunViewModel run) {
        errorBanner.textProperty().unbind();
        errorBanner.visibleProperty().unbind();
        if (run == null) {
            errorBanner.setVisible(false);
            for (Tab t : new Tab[]{dashboardTab, timelineTab, requestsTab, kvTab, consoleTab}) t.setContent(placeholder());
            return;
        }
        errorBanner.textProperty().bind(run.errorProperty());
        errorBanner.visibleProperty().bind(run.errorProperty().isNotEmpty());
        RunViews v = views.computeIfAbsent(run, r -> new RunViews(new DashboardView(r.dashboard()),
                new TimelinePane(r.timeline()), new RequestsView(r.model()), new KvCacheView(r.model()),
                new ConsoleView(r.model())));
        dashboardTab.setContent(v.dashboard());
        timelineTab.setContent(v.timeline());
        requestsTab.setContent(v.requests());
        kvTab.setContent(v.kv());
        consoleTab.setContent(v.console());
        if (vm.report().runAProperty().get() == null) vm.report().runAProperty().set(run);
    }

    private static Node placeholder() {
        Label l = new Label("Edit a scenario on the left and press Launch to start a run.");
        l.getStyleClass().add("muted");
        return new StackPane(l);
    }

}
