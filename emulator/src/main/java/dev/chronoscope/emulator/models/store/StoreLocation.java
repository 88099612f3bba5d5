package dev.chronoscope.emulator.models.store;

import java.nio.file.Path;

/** Where the models store lives unless {@code --models FILE} says otherwise: the XDG data directory. */
public final class StoreLocation {
    private StoreLocation() {}

    public static Path defaultPath() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("chronoscope").resolve("models.db");
    }
}
