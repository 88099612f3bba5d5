package dev.chronoscope.app.models;

import dev.chronoscope.app.runs.emulate.ChronoscopeHome;
import dev.chronoscope.emulator.models.imports.SampleFileImporter;
import dev.chronoscope.emulator.models.store.NewSample;
import dev.chronoscope.modeleditor.CalibrationService;
import dev.chronoscope.modeleditor.task.TaskContext;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

/**
 * cpu-local calibration through the {@code chronoscope calibrate} command line, run as a child
 * process whose progress lines drive the editor's progress bar. The child writes into a scratch
 * store of its own ({@code --models}) and the measured samples into a CSV ({@code --save-samples});
 * the samples are returned and the editor stores them in the user's store under cpu-local — so the
 * editor's worker stays that store's only user, and fitting and activating stay the user's explicit,
 * undoable steps in the editor.
 */
public final class CommandLineCalibration implements CalibrationService {
    /** The arguments of the calibration the editor runs: the quick grid, under two minutes. */
    public static final List<String> QUICK_CPU_LOCAL = List.of("--device", DEVICE, "--quick");
    private static final int LAST_LINES = 8;

    private final List<String> command;

    /** @param command the calibrate command line without {@code --models} and {@code --save-samples}, which this class adds */
    public CommandLineCalibration(List<String> command) {
        this.command = List.copyOf(command);
    }

    /** {@code chronoscope calibrate --device cpu-local --quick} of the installation in {@code home}; not available when it is not built. */
    public static CalibrationService of(ChronoscopeHome home) {
        Path missing = home.missingJar();
        if (missing != null) {
            return CalibrationService.notAvailable("chronoscope calibrate needs the built installation, but " + missing
                    + " is missing; build it with ./mvnw -DskipTests package (./chronoscope does it on first use)");
        }
        return new CommandLineCalibration(home.command("calibrate", QUICK_CPU_LOCAL));
    }

    @Override public boolean isAvailable() { return true; }

    @Override public String unavailableReason() { return ""; }

    @Override
    public List<NewSample> calibrate(TaskContext context) throws IOException, InterruptedException {
        Path scratch = Files.createTempDirectory("chronoscope-calibration");
        try {
            Path samples = scratch.resolve("samples.csv");
            List<String> line = new ArrayList<>(command);
            line.addAll(List.of("--models", scratch.resolve("scratch-models.db").toString(), "--save-samples", samples.toString()));
            context.progress(-1, "starting chronoscope calibrate");
            Process child = new ProcessBuilder(line).redirectErrorStream(true).start();
            Thread killOnExit = new Thread(() -> destroy(child));
            Runtime.getRuntime().addShutdownHook(killOnExit);
            try {
                Deque<String> last = follow(child, context);
                int status = child.waitFor();
                if (status != 0) {
                    throw new IOException("chronoscope calibrate exited with status " + status + ": " + String.join(" | ", last)
                            + " (command: " + String.join(" ", line) + ")");
                }
                if (!Files.isRegularFile(samples)) {
                    throw new IOException("chronoscope calibrate ended without writing its samples to " + samples + ": " + String.join(" | ", last));
                }
                List<NewSample> measured = SampleFileImporter.read(samples);
                context.progress(1, "measured " + measured.size() + " samples");
                return measured;
            } finally {
                destroy(child);
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            }
        } finally {
            deleteTree(scratch);
        }
    }

    /** Reports each progress line; returns the last lines of output (for an error message). Cancellation ends the child. */
    private static Deque<String> follow(Process child, TaskContext context) throws IOException {
        Deque<String> last = new ArrayDeque<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String text; (text = out.readLine()) != null; ) {
                if (context.isCancelled()) {
                    destroy(child);
                    throw new CancellationException("calibration cancelled");
                }
                if (text.isBlank() || text.startsWith("WARNING:")) continue;
                CalibrationProgress.parse(text).ifPresent(p -> context.progress(p.fraction(), p.message()));
                last.addLast(text.strip());
                if (last.size() > LAST_LINES) last.removeFirst();
            }
        }
        return last;
    }

    /** Ends the child and what it started (the profiler JVMs). */
    private static void destroy(Process child) {
        child.descendants().forEach(ProcessHandle::destroy);
        child.destroy();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
