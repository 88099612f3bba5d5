package dev.chronoscope.app;

import dev.chronoscope.emulator.cli.ChronoscopeCli;
import javafx.application.Application;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Plain main class: starting the JavaFX {@link Application} subclass directly from the classpath
 * fails with "JavaFX runtime components are missing". With no arguments it opens the workbench;
 * {@code --version} answers without touching JavaFX, so it works with no display (packaged launchers
 * are checked that way); anything else is a command of the {@code chronoscope} command line
 * ({@code --help}, {@code emulate}, {@code calibrate}, ...), so an installed {@code bin/chronoscope}
 * does what {@code ./chronoscope} does in a checkout.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) {
        if (args.length > 0 && (args[0].equals("--version") || args[0].equals("-V"))) {
            System.out.println("chronoscope workbench " + version());
            System.out.println("Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
            return;
        }
        if (args.length > 0) {
            ChronoscopeCli.main(args);
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
