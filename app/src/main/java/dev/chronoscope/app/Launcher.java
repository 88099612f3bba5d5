package dev.chronoscope.app;

import javafx.application.Application;

/**
 * Plain main class: starting the JavaFX {@link Application} subclass directly from the classpath
 * fails with "JavaFX runtime components are missing".
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        Application.launch(WorkbenchApp.class, args);
    }
}
