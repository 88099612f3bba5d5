package dev.chronoscope.emulator.stream.columnar;

import java.nio.charset.StandardCharsets;

/**
 * Layout of a kernel column file {@code rank-R-stream-S.col} (docs/protocol.md §Columnar kernel
 * store). Little-endian throughout, so the file can be memory-mapped and read as primitive arrays.
 * <pre>
 * header  (32 B): magic "CHRSKCOL", u32 version, i32 rank, i32 stream, u32 groupCapacity, 8 B zero
 * groups       : n events each (every group but the last holds groupCapacity):
 *                i64 start[n], i64 end[n], i32 nameId[n], i32 modelVersionId[n],
 *                i32 featureSetId[n], i32 graphId[n], u8 flags[n], zero padding to 8 B
 * footer       : per group (40 B): i64 offset, i32 count, i32 zero, i64 firstStart,
 *                i64 lastStart, i64 prefixMaxEnd (largest end in this and earlier groups)
 * trailer (32 B): i64 footerOffset, i64 eventCount, i32 groupCount, i32 zero, magic "CHRSKEND"
 * </pre>
 * Events are sorted by start, so a range query binary-searches the start column.
 */
public final class ColumnarFormat {
    public static final byte[] MAGIC = "CHRSKCOL".getBytes(StandardCharsets.US_ASCII);
    public static final byte[] END_MAGIC = "CHRSKEND".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    public static final int HEADER_BYTES = 32;
    public static final int FOOTER_ENTRY_BYTES = 40;
    public static final int TRAILER_BYTES = 32;
    public static final int DEFAULT_GROUP_CAPACITY = 1 << 14;
    /** Bytes per event in a group, before padding. */
    public static final int EVENT_BYTES = 8 + 8 + 4 * 4 + 1;
    /** Flag bit: the kernel's features were outside its model's fitted range. */
    public static final int FLAG_OUT_OF_RANGE = 1;
    /** Id stored for a null model version or null features. */
    public static final int NONE = -1;

    private ColumnarFormat() {}

    /** File name of the column file of one (rank, stream). */
    public static String fileName(int rank, int stream) {
        return "rank-" + rank + "-stream-" + stream + ".col";
    }

    /** Bytes a group of {@code n} events occupies, padded to 8. */
    static long groupBytes(int n) {
        return ((long) n * EVENT_BYTES + 7) & ~7L;
    }
}
