package dev.chronoscope.app.view.timeline;

import dev.chronoscope.app.timeline.KernelFamily;
import dev.chronoscope.app.timeline.SpanDescriber;
import dev.chronoscope.app.timeline.SpanDetails;
import dev.chronoscope.app.viewmodel.TimelineViewModel;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

import java.util.List;

/** The Timeline tab: search and zoom controls above the Gantt chart, details on the right, legend below. */
public final class TimelinePane extends BorderPane {
    private final TimelineViewModel vm;
    private final TimelineView view;
    private final GridPane details = new GridPane();
    private final Label searchStatus = new Label();

    public TimelinePane(TimelineViewModel vm) {
        this.vm = vm;
        this.view = new TimelineView(vm);
        getStyleClass().add("timeline-pane");

        TextField search = new TextField();
        search.setId("timeline-search");
        search.setPromptText("Search kernels (Enter: next match)");
        search.setPrefColumnCount(24);
        search.textProperty().bindBidirectional(vm.searchProperty());
        search.setOnAction(e -> {
            boolean found = vm.selectNextMatch();
            searchStatus.setText(found ? vm.searchSummary() : "no kernel matches");
        });
        vm.nameMatchesProperty().addListener((o, a, b) -> searchStatus.setText(vm.searchSummary()));
        searchStatus.getStyleClass().add("muted");

        Button zoomIn = button("Zoom in (W)", "zoom-in", () -> vm.zoomAtCentre(1.5));
        Button zoomOut = button("Zoom out (S)", "zoom-out", () -> vm.zoomAtCentre(1 / 1.5));
        Button fit = button("Fit (F)", "fit", vm::fit);
        ToggleButton follow = new ToggleButton("Follow live");
        follow.setId("timeline-follow");
        follow.selectedProperty().bindBidirectional(vm.followProperty());
        follow.setTooltip(new Tooltip("Keep the whole run in view while events arrive"));
        setTop(new ToolBar(search, searchStatus, zoomIn, zoomOut, fit, follow));

        details.setId("timeline-details");
        details.getStyleClass().add("details-grid");
        details.setHgap(10);
        details.setVgap(4);
        details.setPadding(new Insets(10));
        ColumnConstraints keys = new ColumnConstraints();
        keys.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        details.getColumnConstraints().addAll(keys, values);
        vm.selectionProperty().addListener((o, a, b) -> showDetails(b));
        showDetails(null);
        Label title = new Label("Selection");
        title.getStyleClass().add("section-title");
        VBox side = new VBox(6, title, details);
        side.setPadding(new Insets(8));
        ScrollPane sideScroll = new ScrollPane(side);
        sideScroll.setFitToWidth(true);
        sideScroll.setMinWidth(270);

        SplitPane split = new SplitPane(view, sideScroll);
        split.setDividerPositions(0.79);
        SplitPane.setResizableWithParent(sideScroll, false);
        setCenter(split);
        setBottom(legend());
    }

    public TimelineView view() { return view; }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId("timeline-" + id);
        b.setOnAction(e -> action.run());
        return b;
    }

    private void showDetails(SpanDetails d) {
        details.getChildren().clear();
        if (d == null) {
            Label none = new Label("Click a kernel to see its shape, predicted duration and model version.");
            none.getStyleClass().add("muted");
            none.setWrapText(true);
            none.setMaxWidth(230);
            details.add(none, 0, 0);
            return;
        }
        List<String[]> fields = SpanDescriber.fields(d);
        for (int i = 0; i < fields.size(); i++) {
            Label k = new Label(fields.get(i)[0].strip());
            k.getStyleClass().add("details-key");
            Label v = new Label(fields.get(i)[1]);
            v.setId(i == 0 ? "details-name" : null);
            v.setWrapText(true);
            details.add(k, 0, i);
            details.add(v, 1, i);
        }
    }

    private static FlowPane legend() {
        FlowPane legend = new FlowPane(14, 4);
        legend.setId("timeline-legend");
        legend.setPadding(new Insets(6, 10, 6, 10));
        legend.setAlignment(Pos.CENTER_LEFT);
        for (KernelFamily f : KernelFamily.values()) {
            Rectangle swatch = new Rectangle(12, 12, f.color());
            Label l = new Label(f.label(), swatch);
            legend.getChildren().add(l);
        }
        Rectangle coll = new Rectangle(12, 12, javafx.scene.paint.Color.web("#f28e2b", 0.35));
        coll.setStroke(javafx.scene.paint.Color.web("#d9731a"));
        legend.getChildren().add(new Label("Collective: rank waits, then joins (orange lines link the ranks)", coll));
        Label hint = new Label("wheel: zoom · drag: zoom to range · right-drag: pan · shift+wheel: scroll lanes · W/S/A/D/F keys · click rank header: collapse");
        hint.getStyleClass().add("muted");
        legend.getChildren().add(hint);
        return legend;
    }
}
