package dev.chronoscope.app.models;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;

import java.util.function.Supplier;

/**
 * The workbench's two perspectives, "Runs | Models", switched by a toggle pair above them. Both stay
 * in the scene (the hidden one is only invisible), so the Runs perspective keeps refreshing its runs
 * — a re-run started from the Models perspective goes on — and keeps its run list and selection.
 * The Models perspective is built when first shown: opening it opens the models store.
 */
public final class PerspectiveSwitch extends BorderPane {
    public static final String RUNS = "Runs";
    public static final String MODELS = "Models";

    private final StackPane content = new StackPane();
    private final Node runs;
    private final Supplier<Node> modelsFactory;
    private final ToggleButton runsToggle = toggle(RUNS, "perspective-runs");
    private final ToggleButton modelsToggle = toggle(MODELS, "perspective-models");
    private Node models;

    /** @param models builds the Models perspective's content; a failure is shown in its place */
    public PerspectiveSwitch(Node runs, Supplier<Node> models) {
        this.runs = runs;
        this.modelsFactory = models;
        getStyleClass().add("perspective-switch");
        ToggleGroup group = new ToggleGroup();
        runsToggle.setToggleGroup(group);
        modelsToggle.setToggleGroup(group);
        group.selectedToggleProperty().addListener((o, was, is) -> {
            if (is == null) group.selectToggle(was); // one perspective is always shown
            else show(is == modelsToggle);
        });
        Label title = new Label("Perspective");
        title.getStyleClass().add("muted");
        HBox bar = new HBox(6, title, runsToggle, modelsToggle);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(3, 8, 3, 8));
        bar.getStyleClass().add("perspective-bar");
        setTop(bar);
        content.getChildren().add(runs);
        setCenter(content);
        group.selectToggle(runsToggle);
    }

    /** Shows the Models perspective (building it the first time) or the Runs perspective. */
    public void show(boolean modelsPerspective) {
        if (modelsPerspective && models == null) {
            models = build();
            content.getChildren().add(models);
        }
        runs.setVisible(!modelsPerspective);
        if (models != null) models.setVisible(modelsPerspective);
        (modelsPerspective ? modelsToggle : runsToggle).setSelected(true);
    }

    public boolean showsModels() { return modelsToggle.isSelected(); }

    private Node build() {
        try {
            return modelsFactory.get();
        } catch (RuntimeException e) {
            Label error = new Label("The Models perspective could not open: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            error.setId("models-error");
            error.getStyleClass().add("error-banner");
            error.setWrapText(true);
            StackPane box = new StackPane(error);
            box.setPadding(new Insets(20));
            StackPane.setAlignment(error, Pos.TOP_LEFT);
            return box;
        }
    }

    private static ToggleButton toggle(String text, String id) {
        ToggleButton b = new ToggleButton(text);
        b.setId(id);
        b.setFocusTraversable(false);
        return b;
    }
}
