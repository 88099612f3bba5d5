package dev.chronoscope.app.runs;

import dev.chronoscope.emulator.stream.RunFolder;
import dev.chronoscope.emulator.stream.perfetto.ChromeTraceExporter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Copies a run's results out of its folder: the Perfetto trace ({@code trace.json}, regenerated
 * from the stream and kernel store when the folder has none) and {@code result.json}. Copies go
 * to a temporary file beside the target and are renamed, so a failed export leaves nothing half-written.
 */
public final class RunExports {
    public static final String RESULT_FILE = "result.json";

    private RunExports() {}

    /** Writes the run's Chrome/Perfetto trace to {@code target}. */
    public static void exportTrace(RunModel run, Path target) throws IOException {
        RunFolder folder = RunFolder.at(folderOf(run));
        Path trace = Files.isRegularFile(folder.traceFile()) ? folder.traceFile() : ChromeTraceExporter.exportRunFolder(folder);
        copy(trace, target);
    }

    /** Copies the run's {@code result.json} (vLLM's fields plus the emulation's) to {@code target}. */
    public static void exportResult(RunModel run, Path target) throws IOException {
        Path result = folderOf(run).resolve(RESULT_FILE);
        if (!Files.isRegularFile(result)) {
            throw new IOException(result + " does not exist: the run did not complete its benchmark (stopped, failed or still running)");
        }
        copy(result, target);
    }

    private static Path folderOf(RunModel run) throws IOException {
        Path dir = run.folder();
        if (dir == null) throw new IOException("this run has no run folder");
        return dir;
    }

    private static void copy(Path from, Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".partial");
        try {
            Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
