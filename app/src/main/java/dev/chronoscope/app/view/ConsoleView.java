package dev.chronoscope.app.view;

import dev.chronoscope.app.runs.RunConsole;
import dev.chronoscope.app.runs.RunModel;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.util.Duration;

/**
 * What the run's producer printed ({@code chronoscope emulate}'s output: the command, the agent's
 * progress lines, the engine's result block, errors) and where its run folder is. Re-reads the
 * console only when it changed.
 */
public final class ConsoleView extends BorderPane {
    private final RunModel model;
    private final TextArea text = new TextArea();
    private final Label folder = new Label();
    private long shownVersion = -1;

    public ConsoleView(RunModel model) {
        this.model = model;
        setId("console-view");
        text.setId("console-text");
        text.setEditable(false);
        text.getStyleClass().add("console");
        folder.setId("console-folder");
        folder.getStyleClass().add("muted");
        setTop(folder);
        setCenter(text);
        Timeline ticker = new Timeline(new KeyFrame(Duration.millis(250), e -> update()));
        ticker.setCycleCount(Animation.INDEFINITE);
        sceneProperty().addListener((o, was, is) -> {
            if (is != null) ticker.play(); else ticker.stop();
        });
        update();
    }

    private void update() {
        folder.setText(model.folder() == null ? "no run folder" : "run folder: " + model.folder());
        RunConsole console = model.console();
        if (console.version() == shownVersion) return;
        shownVersion = console.version();
        text.setText(String.join("\n", console.lines()));
        text.positionCaret(text.getLength());
    }
}
