package dev.chronoscope.emulator.cli;

import dev.chronoscope.emulator.calibrate.CalibrationException;
import dev.chronoscope.emulator.calibrate.CalibrationGrid;
import dev.chronoscope.emulator.calibrate.CalibrationResult;
import dev.chronoscope.emulator.calibrate.Calibrator;
import dev.chronoscope.emulator.calibrate.ConsoleProgress;
import dev.chronoscope.emulator.calibrate.KernelSummary;
import dev.chronoscope.emulator.calibrate.ProfilerLauncher;
import dev.chronoscope.emulator.gpu.catalog.CpuMeasurement;
import dev.chronoscope.emulator.gpu.catalog.DeviceCatalog;
import dev.chronoscope.emulator.models.defaults.DefaultModels;
import dev.chronoscope.emulator.models.imports.ImportException;
import dev.chronoscope.emulator.models.store.ModelStore;
import dev.chronoscope.emulator.models.store.StoreException;
import dev.chronoscope.emulator.models.store.StoreLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code chronoscope calibrate}: profile this machine's CPU kernels and fit the cpu-local models. */
@Command(name = "calibrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Profile this machine's CPU kernels and collectives (the engine's own, in",
                "child JVMs) over a grid of shapes, store the samples, fit one cpu-local",
                "model per kernel and activate it. The full grid takes minutes on two cores,",
                "--quick well under two; nothing is stored unless it all finishes."},
        footer = {"", "Examples:",
                "  chronoscope calibrate --device cpu-local --quick",
                "  chronoscope calibrate --device cpu-local --ops mlp_up_proj,attn_decode",
                "GPUs: profile with calibrate/profile_gpu.py, then 'chronoscope models import-samples'. See docs/calibration.md."})
final class CalibrateCommand implements Callable<Integer> {

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = Calibrator.DEVICE,
            description = "device to calibrate; only cpu-local (this machine) can be profiled here (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--quick", description = "a smaller grid (one width, TP 1, powers of two): under a minute")
    boolean quick;

    @Option(names = "--ops", split = ",", paramLabel = "KERNEL", description = "only these kernels, e.g. mlp_up_proj,attn_decode,all_reduce")
    List<String> ops;

    @Option(names = "--models", paramLabel = "FILE", description = "models store (SQLite); default: ${DEFAULT-VALUE}")
    Path storeFile = StoreLocation.defaultPath();

    @Option(names = "--save-samples", paramLabel = "FILE", description = "also write the measured samples to this CSV (the format 'models import-samples' reads)")
    Path saveSamples;

    @Option(names = "--engine-classpath", paramLabel = "CLASSPATH",
            description = "classpath of the engine whose kernels are profiled; default: the engine of this installation (chronoscope.home)")
    String engineClasspath;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!device.equals(Calibrator.DEVICE)) {
            throw new ParameterException(spec.commandLine(), "--device: only " + Calibrator.DEVICE + " can be profiled by this command, not '" + device
                    + "'; on a machine with an NVIDIA GPU run calibrate/profile_gpu.py and import its samples with "
                    + "'chronoscope models import-samples FILE --device " + device + "' (docs/calibration.md)");
        }
        CalibrationGrid grid = quick ? CalibrationGrid.quick() : CalibrationGrid.full();
        try {
            if (ops != null) grid = grid.restrictedTo(ops);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--ops: " + e.getMessage());
        }
        try (ModelStore store = ModelStore.open(storeFile)) {
            DefaultModels.load().seedIfEmpty(store);
            // The device's peaks (rooflines of kernels without a fitted model, copies) are measured with the kernels.
            CpuMeasurement cpu = DeviceCatalog.rememberedCpu().measureAgain();
            out.printf(Locale.ROOT, "cpu-local: %d cores, %.1f GFLOP/s, %.1f GB/s copy (%s)%n",
                    cpu.cores(), cpu.flopsPerSec() / 1e9, cpu.memoryBytesPerSec() / 1e9, cpu.origin());
            ProfilerLauncher launcher = engineClasspath != null ? ProfilerLauncher.forClasspath(engineClasspath) : ProfilerLauncher.fromSystemProperty();
            CalibrationResult r = new Calibrator(launcher, d -> Optional.empty()).calibrate(grid, store, new ConsoleProgress(out), saveSamples);
            printSummary(out, r, store.file());
            return 0;
        } catch (CalibrationException | ImportException | StoreException | IllegalArgumentException | UncheckedIOException e) {
            out.flush();
            spec.commandLine().getErr().println("chronoscope calibrate: " + e.getMessage());
            return 1;
        }
    }

    private static void printSummary(PrintWriter out, CalibrationResult r, Path store) {
        out.printf(Locale.ROOT, "%ncalibrated %s (%s grid): %d samples in %s (profiling %s)%s%n", Calibrator.DEVICE, r.grid(), r.samples(),
                minutes(r.total().toMillis()), minutes(r.profiling().toMillis()),
                r.superseded() > 0 ? "; " + r.superseded() + " samples of earlier calibrations excluded" : "");
        out.printf("%-26s %8s %-7s %8s %8s %8s  %-34s %s%n", "KERNEL", "SAMPLES", "FORM", "CV MAPE", "MAPE", "OUTLIERS", "VERSION (active)", "FEATURES");
        for (KernelSummary k : r.kernels()) {
            out.printf(Locale.ROOT, "%-26s %8d %-7s %8s %8s %8d  %-34s %s%n", k.kernel(), k.samples(), k.form(), pct(k.cvMape()), pct(k.mape()),
                    k.outliers(), k.version(), String.join(",", k.features()));
        }
        out.println("store: " + store);
        out.flush();
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", v);
    }

    private static String minutes(long millis) {
        return String.format(Locale.ROOT, "%d:%04.1f", millis / 60_000, (millis % 60_000) / 1000.0);
    }
}
