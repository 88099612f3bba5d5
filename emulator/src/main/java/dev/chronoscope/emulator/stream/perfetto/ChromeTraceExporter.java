package dev.chronoscope.emulator.stream.perfetto;

import dev.chronoscope.emulator.stream.RunFolder;
import dev.chronoscope.emulator.stream.codec.StreamReader;
import dev.chronoscope.emulator.stream.columnar.KernelStore;
import dev.chronoscope.emulator.stream.columnar.KernelTrack;
import dev.chronoscope.emulator.stream.event.StreamEvent;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;

/** Exports a run folder or a stream file to Chrome trace JSON, written atomically (temporary file, then rename). */
public final class ChromeTraceExporter {

    private ChromeTraceExporter() {}

    /** Writes the run's {@code trace.json}: its stream events, then the kernels of every column file. */
    public static Path exportRunFolder(RunFolder run) {
        Path target = run.traceFile();
        write(target, writer -> {
            try (StreamReader events = run.openEvents()) {
                events.forEachRemaining(writer::accept);
            }
            if (Files.isDirectory(run.kernelsDir())) {
                try (KernelStore kernels = run.openKernels()) {
                    for (KernelTrack track : kernels.tracks()) {
                        for (long i = 0; i < track.size(); i++) writer.accept(track.kernel(i));
                    }
                }
            }
        });
        return target;
    }

    /** Writes every event of a stream file (either encoding) to {@code target}. */
    public static void exportStreamFile(Path streamFile, Path target) {
        write(target, writer -> {
            try (StreamReader events = StreamReader.open(streamFile)) {
                events.forEachRemaining(writer::accept);
            }
        });
    }

    private static void write(Path target, Consumer<ChromeTraceWriter> body) {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
                ChromeTraceWriter writer = new ChromeTraceWriter(out);
                body.accept(writer);
                writer.close();
            } catch (RuntimeException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Accepts events of any kind; for callers holding an iterable of events. */
    public static void export(Iterable<? extends StreamEvent> events, OutputStream out) {
        ChromeTraceWriter writer = new ChromeTraceWriter(out);
        for (StreamEvent e : events) writer.accept(e);
        writer.close();
    }
}
