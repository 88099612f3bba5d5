package dev.chronoscope.emulator.stream.codec;

import dev.chronoscope.emulator.stream.event.EventSink;

import java.io.OutputStream;
import java.nio.file.Path;

/** The two encodings of the interposer stream (docs/protocol.md). */
public enum Encoding {
    BINARY("bin"),
    NDJSON("ndjson");

    public final String extension;

    Encoding(String extension) {
        this.extension = extension;
    }

    /** A writer of this encoding; it writes the header now and the trailer on {@code close()}. */
    public EventSink writer(OutputStream out) {
        return this == BINARY ? new BinaryEventWriter(out) : new NdjsonEventWriter(out);
    }

    /** The encoding a file name implies: {@code .ndjson} is NDJSON, anything else binary. */
    public static Encoding forFile(Path file) {
        return file.getFileName().toString().endsWith("." + NDJSON.extension) ? NDJSON : BINARY;
    }
}
