package dev.chronoscope.emulator.models.store;

import dev.chronoscope.emulator.models.KernelModels;
import dev.chronoscope.emulator.models.TestSamples;
import dev.chronoscope.emulator.models.fit.FitOptions;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Child process of {@link StoreCrashTest}: fits and saves versions forever, printing each committed
 * version id, until the parent kills it.
 */
public final class FitAndSaveLoop {
    public static void main(String[] args) {
        try (ModelStore store = ModelStore.open(Path.of(args[0]))) {
            store.addSamples("h100-sxm", TestSamples.linearSamples("add", 400));
            KernelModels models = new KernelModels(store, d -> Optional.empty());
            for (int i = 0; ; i++) {
                var fitted = models.fit("h100-sxm", "add", FitOptions.defaultsFor("add"), "crash-test", "round " + i, true);
                System.out.println("committed " + fitted.version().id());
                System.out.flush();
            }
        }
    }
}
