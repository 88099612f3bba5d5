package dev.chronoscope.emulator.stream.codec;

/** Constants of the NDJSON encoding (docs/protocol.md §NDJSON encoding). */
public final class NdjsonFormat {

    /** Value of the header line's {@code format} field. */
    public static final String FORMAT_NAME = "chronoscope-stream";
    public static final int VERSION = 1;
    /** {@code type} of the trailer line. */
    public static final String END_TYPE = "end";

    private NdjsonFormat() {}
}
