package dev.chronoscope.emulator.gpu.catalog;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * The {@code cpu-local} measurement, taken once per machine and kept in a small properties file,
 * so that every later emulation (every rank of a per-rank run, every repeat of a scenario) uses the
 * same device and modeled runs on cpu-local stay deterministic. A file that is missing, unreadable,
 * or made on a machine with another core count is replaced by a fresh measurement.
 */
public final class RememberedCpuMeasurement {
    /** Its name in the data directory. */
    public static final String FILE_NAME = "cpu-local.properties";

    private final Path file;
    private final Supplier<CpuMeasurement> probe;

    public RememberedCpuMeasurement(Path file, Supplier<CpuMeasurement> probe) {
        this.file = file;
        this.probe = probe;
    }

    /** The kept measurement, or a new one (then kept) when there is none for this machine. */
    public CpuMeasurement get() {
        CpuMeasurement kept = read();
        return kept != null && kept.cores() == Runtime.getRuntime().availableProcessors() ? kept : measureAgain();
    }

    /** Measures now and keeps the result for later runs ({@code calibrate --device cpu-local} does this). */
    public CpuMeasurement measureAgain() {
        CpuMeasurement measured = probe.get();
        String when = Instant.now().toString();
        try {
            write(measured, when);
        } catch (UncheckedIOException e) {
            // Still usable for this run; only later runs will measure again (and may differ).
            return new CpuMeasurement(measured.cores(), measured.memoryBytes(), measured.flopsPerSec(),
                    measured.memoryBytesPerSec(), "measured by CpuLocalProbe at " + when + ", not kept: " + e.getMessage());
        }
        return new CpuMeasurement(measured.cores(), measured.memoryBytes(), measured.flopsPerSec(),
                measured.memoryBytesPerSec(), origin(when));
    }

    private CpuMeasurement read() {
        if (!Files.isRegularFile(file)) return null;
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            return new CpuMeasurement(Integer.parseInt(p.getProperty("cores")), Long.parseLong(p.getProperty("memory_bytes")),
                    Double.parseDouble(p.getProperty("flops_per_sec")), Double.parseDouble(p.getProperty("memory_bytes_per_sec")),
                    origin(p.getProperty("measured_at", "?")));
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private void write(CpuMeasurement m, String when) {
        Properties p = new Properties();
        p.setProperty("cores", Integer.toString(m.cores()));
        p.setProperty("memory_bytes", Long.toString(m.memoryBytes()));
        p.setProperty("flops_per_sec", Double.toString(m.flopsPerSec()));
        p.setProperty("memory_bytes_per_sec", Double.toString(m.memoryBytesPerSec()));
        p.setProperty("measured_at", when);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path partial = Files.createTempFile(file.toAbsolutePath().getParent(), FILE_NAME, ".partial");
            try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                p.store(out, "cpu-local as measured by Chronoscope's CpuLocalProbe; delete to measure again");
            }
            try {
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the cpu-local measurement in " + file + ": " + e.getMessage(), e);
        }
    }

    private String origin(String when) {
        return "measured by CpuLocalProbe at " + when + ", kept in " + file;
    }
}
