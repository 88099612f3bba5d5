package dev.chronoscope.emulator.stream.sink;

import dev.chronoscope.emulator.stream.codec.Encoding;
import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a stream file atomically: events go to {@code <name>.partial} beside the target, and only
 * {@link #close()} writes the trailer, forces the data to disk and renames the file to its final
 * name. A run that dies leaves a {@code .partial} file without a trailer, which readers reject.
 */
public final class FileSink implements EventSink {
    /** Suffix of a stream file still being written. */
    public static final String PARTIAL_SUFFIX = ".partial";

    private final Path target;
    private final Path partial;
    private final FileChannel channel;
    private final EventSink writer;
    private boolean closed;

    private FileSink(Path target, Encoding encoding) throws IOException {
        this.target = target;
        this.partial = target.resolveSibling(target.getFileName() + PARTIAL_SUFFIX);
        this.channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        OutputStream out = new BufferedOutputStream(new KeepOpen(Channels.newOutputStream(channel)), 1 << 16);
        this.writer = encoding.writer(out);
    }

    /** A sink writing {@code target} in the encoding its extension implies ({@code .ndjson}, else binary). */
    public static FileSink create(Path target) {
        return create(target, Encoding.forFile(target));
    }

    public static FileSink create(Path target, Encoding encoding) {
        try {
            return new FileSink(target, encoding);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path target() { return target; }

    @Override
    public void accept(StreamEvent event) {
        writer.accept(event);
    }

    @Override
    public void flush() {
        writer.flush();
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            writer.close();
            channel.force(true);
            channel.close();
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lets the encoder "close" its output (after writing the trailer) while the channel stays open to be forced. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
