package dev.chronoscope.app.models;

import dev.chronoscope.emulator.gpu.catalog.DeviceCatalog;
import dev.chronoscope.emulator.models.defaults.BuiltInDeviceSpecs;
import dev.chronoscope.emulator.models.form.RooflineSpec;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The roofline figures the editor draws and refits with, for the devices of the {@link DeviceCatalog}.
 * The figures are those {@code chronoscope emulate} predicts with ({@link BuiltInDeviceSpecs}), so
 * that a roofline shown in the editor is the one a re-run uses; the catalogue decides which device
 * names are known (cpu-local is not probed here: probing would time this machine at every start).
 */
public final class CatalogueRooflines implements Function<String, Optional<RooflineSpec>> {
    private final Set<String> devices;

    public CatalogueRooflines(DeviceCatalog catalog) {
        this.devices = Set.copyOf(catalog.names());
    }

    @Override
    public Optional<RooflineSpec> apply(String device) {
        return devices.contains(device) ? BuiltInDeviceSpecs.find(device) : Optional.empty();
    }
}
