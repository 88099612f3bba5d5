package dev.chronoscope.emulator.calibrate;

import dev.chronoscope.emulator.models.KernelModels;
import dev.chronoscope.emulator.models.defaults.BuiltInDeviceSpecs;
import dev.chronoscope.emulator.models.fit.FitOptions;
import dev.chronoscope.emulator.models.form.RooflineSpec;
import dev.chronoscope.emulator.models.imports.SampleFileImporter;
import dev.chronoscope.emulator.models.store.ModelStore;
import dev.chronoscope.emulator.models.store.ModelVersion;
import dev.chronoscope.emulator.models.store.NewSample;
import dev.chronoscope.emulator.models.store.StoredSample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Calibrates the {@code cpu-local} device: runs the engine's profilers over a grid, then in
 * one store transaction adds the samples (source {@value #SOURCE}), excludes the samples of
 * earlier calibrations (they stay, with the reason), fits one model per kernel and activates it.
 * Nothing reaches the store unless every profiler finished its whole plan and every fit succeeded.
 */
public final class Calibrator {
    public static final String DEVICE = "cpu-local";
    public static final String SOURCE = "calibrate:cpu-local";
    static final String AUTHOR = "chronoscope calibrate";

    private final ProfilerLauncher launcher;
    private final Function<String, Optional<RooflineSpec>> catalogue;

    /**
     * @param catalogue device figures the fits see; the CLI passes the same (built-in) ones as
     *                  {@code chronoscope models}, and the chosen features do not depend on them
     */
    public Calibrator(ProfilerLauncher launcher, Function<String, Optional<RooflineSpec>> catalogue) {
        this.launcher = launcher;
        this.catalogue = catalogue;
    }

    /**
     * Profiles, stores, fits and activates.
     *
     * @param keepSamples where to keep a copy of the sample CSV (importable with
     *                    {@code chronoscope models import-samples}); null for none
     */
    public CalibrationResult calibrate(CalibrationGrid grid, ModelStore store, CalibrationListener listener, Path keepSamples) {
        Instant start = Instant.now();
        Path csv = tempCsv();
        try {
            new ProfilerRun(launcher, listener).run(grid.invocations(SOURCE), csv);
            Duration profiling = Duration.between(start, Instant.now());
            if (keepSamples != null) copy(csv, keepSamples);
            // The serving profiler records every kernel serving runs; keep those of this grid.
            List<NewSample> samples = SampleFileImporter.read(csv).stream().filter(s -> grid.ops().contains(s.kernel())).toList();
            Map<String, List<NewSample>> byKernel = samples.stream().collect(Collectors.groupingBy(NewSample::kernel));
            for (String op : grid.ops()) {
                if (!byKernel.containsKey(op)) throw new CalibrationException("the profilers measured no shape of " + op
                        + "; the models store was not changed (check the grid's options for " + op + ")");
            }
            listener.fitting(grid.ops().size());
            return store.inTransaction(() -> {
                int superseded = supersede(store, grid.ops(), start);
                store.addSamples(DEVICE, samples);
                List<KernelSummary> kernels = new ArrayList<>();
                for (String op : grid.ops().stream().sorted().toList()) kernels.add(fit(store, grid, op, byKernel.get(op).size()));
                return new CalibrationResult(grid.name(), samples.size(), superseded, kernels, profiling, Duration.between(start, Instant.now()));
            });
        } finally {
            try {
                Files.deleteIfExists(csv);
            } catch (IOException e) {
                // A leftover file in the temporary directory harms nothing; the calibration result stands.
            }
        }
    }

    /** Excludes the included samples of earlier calibrations of these kernels; returns how many. */
    private static int supersede(ModelStore store, List<String> ops, Instant start) {
        int n = 0;
        for (String op : ops) {
            List<Long> old = store.samples(DEVICE, op, false).stream()
                    .filter(s -> s.source().equals(SOURCE)).map(StoredSample::id).toList();
            if (!old.isEmpty()) store.exclude(old, "superseded by the calibration of " + start);
            n += old.size();
        }
        return n;
    }

    private KernelSummary fit(ModelStore store, CalibrationGrid grid, String op, int measured) {
        RooflineSpec spec = BuiltInDeviceSpecs.resolve(catalogue, DEVICE);
        FitOptions options = FitChoice.best(op, KernelModels.rows(store.samples(DEVICE, op, false)), spec);
        KernelModels.Fitted f = new KernelModels(store, catalogue).fit(DEVICE, op, options, AUTHOR,
                "chronoscope calibrate (" + grid.name() + " grid, " + measured + " shapes)", true);
        ModelVersion v = f.version();
        return new KernelSummary(op, measured, v.model().form().id(), options.features(), v.metrics().cvMape(), v.metrics().mape(),
                f.outliersMarked(), v.label());
    }

    private static Path tempCsv() {
        try {
            return Files.createTempFile("chronoscope-calibrate-", ".csv");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for the profiler's samples: " + e.getMessage(), e);
        }
    }

    private static void copy(Path csv, Path keep) {
        try {
            Path dir = keep.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, keep.getFileName().toString(), ".tmp");
            Files.copy(csv, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, keep, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the samples to " + keep + ": " + e.getMessage(), e);
        }
    }
}
