package dev.chronoscope.emulator.stream.codec;

import java.nio.charset.StandardCharsets;

/** Constants of the binary encoding (docs/protocol.md §Binary encoding). */
public final class BinaryFormat {

    /** First 8 bytes of every binary stream: ASCII "CHRSTRM" then 0x00. */
    public static final byte[] MAGIC = "CHRSTRM\0".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    /** Magic, u16 version, u16 flags (zero). */
    public static final int HEADER_BYTES = MAGIC.length + 4;
    /** Longest frame payload a reader accepts; bounds memory on corrupt input. */
    public static final int MAX_FRAME_BYTES = 16 << 20;

    public static final int TAG_END = 0x00;
    public static final int TAG_STRING = 0x01;
    public static final int TAG_FEATURE_SCHEMA = 0x02;

    private BinaryFormat() {}
}
