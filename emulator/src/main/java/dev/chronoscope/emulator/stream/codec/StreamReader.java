package dev.chronoscope.emulator.stream.codec;

import dev.chronoscope.emulator.stream.event.StreamEvent;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads an interposer stream in either encoding, detected from its first bytes (the binary magic,
 * or a JSON object for NDJSON), and iterates its events. The stream is complete only if it ends
 * with its trailer; anything else (truncation, corruption, a wrong version) raises a
 * {@link StreamFormatException} naming the byte offset or line. I/O failures of the underlying
 * input raise {@link UncheckedIOException}.
 */
public final class StreamReader implements Iterator<StreamEvent>, Iterable<StreamEvent>, AutoCloseable {
    private final InputStream in;
    private final Encoding encoding;
    private final EventDecoder decoder;
    private StreamEvent next;
    private boolean done;

    private StreamReader(InputStream in, String source) throws IOException {
        this.in = in.markSupported() ? in : new BufferedInputStream(in, 1 << 16);
        this.in.mark(BinaryFormat.HEADER_BYTES);
        byte[] head = this.in.readNBytes(BinaryFormat.HEADER_BYTES);
        if (head.length >= BinaryFormat.MAGIC.length
                && Arrays.equals(head, 0, BinaryFormat.MAGIC.length, BinaryFormat.MAGIC, 0, BinaryFormat.MAGIC.length)) {
            encoding = Encoding.BINARY;
            decoder = binaryDecoder(head, source);
        } else if (looksLikeJson(head)) {
            this.in.reset();
            encoding = Encoding.NDJSON;
            var chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            decoder = new NdjsonEventDecoder(new BufferedReader(new InputStreamReader(this.in, chars)), source);
        } else {
            throw StreamFormatException.atOffset(source, 0,
                    "not an interposer stream: expected the binary magic \"CHRSTRM\\0\" or an NDJSON header line starting with '{'");
        }
    }

    private EventDecoder binaryDecoder(byte[] head, String source) {
        if (head.length < BinaryFormat.HEADER_BYTES) {
            throw StreamFormatException.atOffset(source, head.length, "stream ends inside the header (truncated: expected "
                    + BinaryFormat.HEADER_BYTES + " header bytes)");
        }
        int version = ((head[8] & 0xFF) << 8) | (head[9] & 0xFF);
        if (version != BinaryFormat.VERSION) {
            throw StreamFormatException.atOffset(source, 8, "unsupported format version " + version + ", expected " + BinaryFormat.VERSION);
        }
        int flags = ((head[10] & 0xFF) << 8) | (head[11] & 0xFF);
        if (flags != 0) throw StreamFormatException.atOffset(source, 10, "header flags 0x" + Integer.toHexString(flags) + ", expected 0");
        return new BinaryEventDecoder(in, source, BinaryFormat.HEADER_BYTES);
    }

    private static boolean looksLikeJson(byte[] head) {
        for (byte b : head) {
            if (b == '{') return true;
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') return false;
        }
        return false;
    }

    /** A reader over {@code in}; {@code source} names it in error messages. */
    public static StreamReader of(InputStream in, String source) {
        try {
            return new StreamReader(in, source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            closeQuietly(in, e);
            throw e;
        }
    }

    public static StreamReader open(Path file) {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return of(in, file.toString());
    }

    /** Every event of a complete stream file. */
    public static List<StreamEvent> readAll(Path file) {
        try (StreamReader r = open(file)) {
            List<StreamEvent> events = new ArrayList<>();
            r.forEachRemaining(events::add);
            return events;
        }
    }

    public Encoding encoding() { return encoding; }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            try {
                next = decoder.read();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            done = next == null;
        }
        return next != null;
    }

    @Override
    public StreamEvent next() {
        if (!hasNext()) throw new NoSuchElementException("stream has no more events");
        StreamEvent e = next;
        next = null;
        return e;
    }

    @Override
    public Iterator<StreamEvent> iterator() { return this; }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(InputStream in, RuntimeException primary) {
        try {
            in.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }
}
