package dev.chronoscope.emulator.install;

import java.nio.file.Path;

/**
 * Where Chronoscope keeps this user's data (the models store, the cpu-local measurement):
 * {@code $XDG_DATA_HOME/chronoscope}, else {@code ~/.local/share/chronoscope}.
 */
public final class DataDirectory {
    private DataDirectory() {}

    public static Path path() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("chronoscope");
    }
}
