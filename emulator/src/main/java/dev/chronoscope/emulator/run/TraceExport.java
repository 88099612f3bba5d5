package dev.chronoscope.emulator.run;

import dev.chronoscope.emulator.stream.RunFolder;
import dev.chronoscope.emulator.stream.codec.StreamReader;
import dev.chronoscope.emulator.stream.columnar.KernelStore;
import dev.chronoscope.emulator.stream.columnar.KernelTrack;
import dev.chronoscope.emulator.stream.perfetto.ChromeTraceWriter;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a run folder's {@code trace.json} for Perfetto: every stream event, and the kernels of each
 * rank and stream up to a budget. A long run holds millions of kernels, more than Perfetto opens
 * comfortably; the budget is shared evenly by the tracks and each keeps its earliest kernels (the
 * columnar store in the run folder keeps them all).
 */
final class TraceExport {
    /** What the trace holds: kernels written of all kernels recorded. */
    record Written(Path file, long kernelsWritten, long kernelsRecorded) {}

    private TraceExport() {}

    static Written write(RunFolder run, long maxKernels) {
        Path target = run.traceFile();
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        long written = 0, recorded = 0;
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
                ChromeTraceWriter writer = new ChromeTraceWriter(out);
                try (StreamReader events = run.openEvents()) {
                    events.forEachRemaining(writer::accept);
                }
                if (Files.isDirectory(run.kernelsDir())) {
                    try (KernelStore kernels = run.openKernels()) {
                        long perTrack = kernels.tracks().isEmpty() ? 0 : maxKernels / kernels.tracks().size();
                        for (KernelTrack track : kernels.tracks()) {
                            recorded += track.size();
                            long n = Math.min(track.size(), perTrack);
                            for (long i = 0; i < n; i++) writer.accept(track.kernel(i));
                            written += n;
                        }
                    }
                }
                writer.close();
            } catch (RuntimeException | IOException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Written(target, written, recorded);
    }
}
