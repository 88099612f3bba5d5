package dev.chronoscope.emulator.stream;

import dev.chronoscope.emulator.stream.codec.Encoding;
import dev.chronoscope.emulator.stream.codec.StreamReader;
import dev.chronoscope.emulator.stream.columnar.KernelStore;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The files of one run (docs/protocol.md §Run folder):
 * <pre>
 * stream.bin | stream.ndjson     every event except kernels, in one of the two encodings
 * kernels/dictionary.json        kernel names, model versions, feature sets by id
 * kernels/rank-R-stream-S.col    the kernels of rank R, stream S, in columns
 * trace.json                     Chrome trace export (written on demand)
 * </pre>
 * The stream file appears (by rename) only after the kernel files are complete, so its presence
 * means the run folder is complete.
 */
public final class RunFolder {
    public static final String KERNELS_DIR = "kernels";
    public static final String TRACE_FILE = "trace.json";

    private final Path dir;

    private RunFolder(Path dir) {
        this.dir = dir;
    }

    public static RunFolder at(Path dir) {
        return new RunFolder(dir);
    }

    public Path dir() { return dir; }

    /** {@code stream.bin} or {@code stream.ndjson}. */
    public static String streamFileName(Encoding encoding) {
        return "stream." + encoding.extension;
    }

    public Path kernelsDir() { return dir.resolve(KERNELS_DIR); }

    public Path traceFile() { return dir.resolve(TRACE_FILE); }

    /** The complete stream file of the run, in whichever encoding it was written. */
    public Path streamFile() {
        for (Encoding e : Encoding.values()) {
            Path p = dir.resolve(streamFileName(e));
            if (Files.isRegularFile(p)) return p;
        }
        throw new UncheckedIOException(new NoSuchFileException(dir.resolve("stream.{bin,ndjson}").toString(), null,
                "no complete stream file: the run is unfinished or this is not a run folder"));
    }

    /** The run's events other than kernels; close the reader when done. */
    public StreamReader openEvents() {
        return StreamReader.open(streamFile());
    }

    /** The run's kernels; close the store when done. */
    public KernelStore openKernels() {
        return KernelStore.open(kernelsDir());
    }
}
