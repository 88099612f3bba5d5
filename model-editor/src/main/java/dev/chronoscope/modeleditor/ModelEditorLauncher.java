package dev.chronoscope.modeleditor;

import javafx.application.Application;

/**
 * Runs the model editor on its own: {@code ModelEditorLauncher [--models FILE]} (default: the
 * user's store, seeded with the shipped defaults when new). A plain main class, because starting
 * the {@link Application} subclass directly from the classpath fails with "JavaFX runtime
 * components are missing".
 */
public final class ModelEditorLauncher {
    private ModelEditorLauncher() {}

    public static void main(String[] args) {
        Application.launch(ModelEditorApp.class, args);
    }
}
