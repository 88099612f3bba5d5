package dev.chronoscope.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The workbench window (issue #6 brings its views). */
public final class WorkbenchApp extends Application {
    @Override
    public void start(Stage stage) {
        stage.setTitle("Chronoscope");
        stage.setScene(new Scene(new StackPane(new Label("Chronoscope workbench: views arrive with issue #6.")), 1600, 1000));
        stage.show();
    }
}
