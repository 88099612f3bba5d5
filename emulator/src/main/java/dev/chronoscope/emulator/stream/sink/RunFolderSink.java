package dev.chronoscope.emulator.stream.sink;

import dev.chronoscope.emulator.stream.RunFolder;
import dev.chronoscope.emulator.stream.codec.Encoding;
import dev.chronoscope.emulator.stream.columnar.ColumnarKernelSink;
import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a run folder ({@link RunFolder}): kernels to the columnar store, every other event to the
 * stream file. On close the kernel files complete first and the stream file last, so a complete
 * stream file means a complete folder.
 */
public final class RunFolderSink implements EventSink {
    private final ColumnarKernelSink kernels;
    private final FileSink stream;

    private RunFolderSink(ColumnarKernelSink kernels, FileSink stream) {
        this.kernels = kernels;
        this.stream = stream;
    }

    public static RunFolderSink create(Path dir, Encoding encoding) {
        RunFolder folder = RunFolder.at(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RunFolderSink(new ColumnarKernelSink(folder.kernelsDir()),
                FileSink.create(dir.resolve(RunFolder.streamFileName(encoding)), encoding));
    }

    @Override
    public void accept(StreamEvent event) {
        if (event instanceof StreamEvent.Kernel k) kernels.append(k); else stream.accept(event);
    }

    @Override
    public void flush() {
        stream.flush();
    }

    @Override
    public void close() {
        // If the kernel files fail, the stream file stays .partial: the folder is visibly incomplete.
        kernels.close();
        stream.close();
    }
}
