package dev.chronoscope.emulator.models.store;

import dev.chronoscope.emulator.install.DataDirectory;
import java.nio.file.Path;

/** Where the models store lives unless {@code --models FILE} says otherwise: the user's data directory. */
public final class StoreLocation {
    private StoreLocation() {}

    public static Path defaultPath() {
        return DataDirectory.path().resolve("models.db");
    }
}
