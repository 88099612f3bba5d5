package dev.chronoscope.emulator.gpu.catalog;

import dev.chronoscope.emulator.install.DataDirectory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The device types a scenario can name (DESIGN §7). {@code cpu-local} is measured the first time it
 * is asked for on this machine (never just for listing names) and kept, or taken from a configured
 * {@link CpuMeasurement}.
 */
public final class DeviceCatalog {
    public static final String CPU_LOCAL = "cpu-local";

    private final Map<String, Supplier<DeviceSpec>> entries = new TreeMap<>();

    private DeviceCatalog(Supplier<CpuMeasurement> cpu) {
        for (DeviceSpec gpu : List.of(NvidiaDatasheets.a100(), NvidiaDatasheets.a40(), NvidiaDatasheets.h100Sxm(),
                NvidiaDatasheets.h200(), NvidiaDatasheets.l40s(), NvidiaDatasheets.b200())) {
            entries.put(gpu.name(), () -> gpu);
        }
        entries.put(CPU_LOCAL, new Once(() -> cpu.get().toSpec()));
    }

    /**
     * The catalogue with {@code cpu-local} as measured on this machine: once, on first use, then
     * kept in the user's data directory ({@link RememberedCpuMeasurement}).
     */
    public static DeviceCatalog standard() {
        return new DeviceCatalog(() -> rememberedCpu().get());
    }

    /** This machine's kept cpu-local measurement. */
    public static RememberedCpuMeasurement rememberedCpu() {
        return new RememberedCpuMeasurement(DataDirectory.path().resolve(RememberedCpuMeasurement.FILE_NAME), CpuLocalProbe::measure);
    }

    /** The catalogue with {@code cpu-local} as configured. */
    public static DeviceCatalog withCpu(CpuMeasurement cpu) {
        return new DeviceCatalog(() -> cpu);
    }

    /** Catalogue names, sorted. */
    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /**
     * The device called {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the valid types when there is no such device
     */
    public DeviceSpec get(String name) {
        Supplier<DeviceSpec> entry = name == null ? null : entries.get(name.trim().toLowerCase(Locale.ROOT));
        if (entry == null) {
            throw new IllegalArgumentException("unknown device type '" + name + "'; valid device types: " + String.join(", ", names()));
        }
        return entry.get();
    }

    /** What a roofline model needs for {@code name}: peak dense BF16/FP8 FLOP/s and memory bandwidth. */
    public RooflinePeaks roofline(String name) {
        return get(name).roofline();
    }

    /** Computes once, on first use; later calls (from any thread) see the same spec. */
    private static final class Once implements Supplier<DeviceSpec> {
        private final Supplier<DeviceSpec> compute;
        private DeviceSpec value;

        Once(Supplier<DeviceSpec> compute) { this.compute = compute; }

        @Override public synchronized DeviceSpec get() {
            if (value == null) value = compute.get();
            return value;
        }
    }
}
