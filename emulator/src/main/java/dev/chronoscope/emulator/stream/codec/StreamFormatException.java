package dev.chronoscope.emulator.stream.codec;

/**
 * The one exception a stream or columnar reader throws for bad input: truncated, corrupted, of an
 * unknown version, or not a stream at all. It names the source and where the problem was found: a
 * byte offset for binary input, a line number for NDJSON.
 */
public final class StreamFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Marks an unknown position (neither a byte offset nor a line applies). */
    public static final long UNKNOWN = -1;

    private final String source;
    private final long byteOffset;
    private final long line;

    private StreamFormatException(String source, long byteOffset, long line, String message, Throwable cause) {
        super(source + ": " + (byteOffset >= 0 ? "byte offset " + byteOffset + ": " : line >= 0 ? "line " + line + ": " : "")
                + message, cause);
        this.source = source;
        this.byteOffset = byteOffset;
        this.line = line;
    }

    public static StreamFormatException atOffset(String source, long byteOffset, String message) {
        return new StreamFormatException(source, byteOffset, UNKNOWN, message, null);
    }

    public static StreamFormatException atLine(String source, long line, String message, Throwable cause) {
        return new StreamFormatException(source, UNKNOWN, line, message, cause);
    }

    public String source() { return source; }

    /** Byte offset of the problem in binary input, or {@link #UNKNOWN}. */
    public long byteOffset() { return byteOffset; }

    /** 1-based line of the problem in NDJSON input, or {@link #UNKNOWN}. */
    public long line() { return line; }
}
