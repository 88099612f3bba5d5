package dev.chronoscope.app;

import javafx.application.Application;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Plain main class: starting the JavaFX {@link Application} subclass directly from the classpath
 * fails with "JavaFX runtime components are missing". {@code --version} and {@code --help} answer
 * without touching JavaFX, so they work with no display (packaged launchers are checked that way).
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("--version") || args[0].equals("-V"))) {
            System.out.println("chronoscope workbench " + version());
            System.out.println("Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
            return;
        }
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("Usage: chronoscope-workbench [--version | --help]");
            System.out.println("Opens the Chronoscope workbench window (needs a display).");
            return;
        }
        Application.launch(WorkbenchApp.class, args);
    }

    /** The version Maven recorded in the jar, or "development build" when run from classes. */
    static String version() {
        try (InputStream in = Launcher.class.getResourceAsStream("/META-INF/maven/dev.chronoscope/app/pom.properties")) {
            if (in == null) return "development build";
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "development build");
        } catch (IOException e) {
            return "development build";
        }
    }
}
