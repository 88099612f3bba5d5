package dev.chronoscope.emulator.stream.columnar;

import dev.chronoscope.emulator.stream.codec.StreamFormatException;
import dev.chronoscope.emulator.stream.event.StreamEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * One column file, memory-mapped: the kernels of a (rank, stream) sorted by start. A range query
 * binary-searches the group index and the start column, so a UI can ask for the kernels in
 * [t0, t1] of a track of any length without reading the rest.
 */
public final class KernelTrack implements AutoCloseable {
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path file;
    private final Arena arena;
    private final MemorySegment data;
    private final int rank;
    private final int stream;
    private final int capacity;
    private final long size;
    private final long[] groupOffset;
    private final int[] groupCount;
    private final long[] groupPrefixMaxEnd;
    private final KernelDictionary dictionary;

    private KernelTrack(Path file, KernelDictionary dictionary) throws IOException {
        this.file = file;
        this.dictionary = dictionary;
        this.arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = ch.size();
            data = length == 0 ? MemorySegment.NULL : ch.map(FileChannel.MapMode.READ_ONLY, 0, length, arena);
            if (length < ColumnarFormat.HEADER_BYTES + ColumnarFormat.TRAILER_BYTES) {
                throw error(length, "file of " + length + " bytes is shorter than a header and trailer (truncated)");
            }
            checkMagic(0, ColumnarFormat.MAGIC, "magic \"CHRSKCOL\"");
            int version = data.get(INT, 8);
            if (version != ColumnarFormat.VERSION) throw error(8, "unsupported column format version " + version + ", expected " + ColumnarFormat.VERSION);
            rank = data.get(INT, 12);
            stream = data.get(INT, 16);
            capacity = data.get(INT, 20);
            if (capacity < 1) throw error(20, "group capacity " + capacity + ", expected >= 1");
            long trailer = length - ColumnarFormat.TRAILER_BYTES;
            checkMagic(trailer + 24, ColumnarFormat.END_MAGIC, "end magic \"CHRSKEND\" (truncated or unfinished file)");
            long footerOffset = data.get(LONG, trailer);
            size = data.get(LONG, trailer + 8);
            int groups = data.get(INT, trailer + 16);
            if (groups < 0 || footerOffset < ColumnarFormat.HEADER_BYTES
                    || footerOffset + (long) groups * ColumnarFormat.FOOTER_ENTRY_BYTES != trailer) {
                throw error(trailer, "footer offset " + footerOffset + " and group count " + groups + " do not end at the trailer");
            }
            groupOffset = new long[groups];
            groupCount = new int[groups];
            groupPrefixMaxEnd = new long[groups];
            long expectedOffset = ColumnarFormat.HEADER_BYTES;
            long total = 0;
            for (int g = 0; g < groups; g++) {
                long entry = footerOffset + (long) g * ColumnarFormat.FOOTER_ENTRY_BYTES;
                groupOffset[g] = data.get(LONG, entry);
                groupCount[g] = data.get(INT, entry + 8);
                groupPrefixMaxEnd[g] = data.get(LONG, entry + 32);
                boolean full = groupCount[g] == capacity;
                if (groupOffset[g] != expectedOffset || groupCount[g] < 1 || groupCount[g] > capacity || (!full && g != groups - 1)) {
                    throw error(entry, "group " + g + " at offset " + groupOffset[g] + " with " + groupCount[g]
                            + " events does not follow the previous group (expected offset " + expectedOffset + ", full groups before the last)");
                }
                expectedOffset += ColumnarFormat.groupBytes(groupCount[g]);
                total += groupCount[g];
            }
            if (expectedOffset != footerOffset || total != size) {
                throw error(trailer, "groups hold " + total + " events ending at " + expectedOffset + ", trailer says "
                        + size + " events and footer at " + footerOffset);
            }
        } catch (RuntimeException | IOException e) {
            arena.close();
            throw e;
        }
    }

    /** Opens a column file; ids resolve through {@code dictionary}. */
    public static KernelTrack open(Path file, KernelDictionary dictionary) {
        try {
            return new KernelTrack(file, dictionary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StreamFormatException error(long offset, String message) {
        return StreamFormatException.atOffset(file.toString(), offset, message);
    }

    private void checkMagic(long offset, byte[] magic, String what) {
        for (int i = 0; i < magic.length; i++) {
            if (data.get(ValueLayout.JAVA_BYTE, offset + i) != magic[i]) throw error(offset, "expected " + what);
        }
    }

    public int rank() { return rank; }

    public int stream() { return stream; }

    /** Number of kernels in the track. */
    public long size() { return size; }

    public KernelDictionary dictionary() { return dictionary; }

    private long column(long i, int bytesBefore, int width) {
        int g = (int) (i / capacity);
        int j = (int) (i % capacity);
        return groupOffset[g] + (long) bytesBefore * groupCount[g] + (long) width * j;
    }

    public long start(long i) { return data.get(LONG, column(i, 0, 8)); }

    public long end(long i) { return data.get(LONG, column(i, 8, 8)); }

    public int nameId(long i) { return data.get(INT, column(i, 16, 4)); }

    public int modelVersionId(long i) { return data.get(INT, column(i, 20, 4)); }

    public int featureSetId(long i) { return data.get(INT, column(i, 24, 4)); }

    public int graphId(long i) { return data.get(INT, column(i, 28, 4)); }

    public int flags(long i) { return data.get(ValueLayout.JAVA_BYTE, column(i, 32, 1)) & 0xFF; }

    /** The i-th kernel as a stream event, its names and features resolved through the dictionary. */
    public StreamEvent.Kernel kernel(long i) {
        int name = checkedId(nameId(i), dictionary.nameCount(), i, 16, "name id");
        int features = checkedId(featureSetId(i), dictionary.featureSetCount(), i, 24, "feature set id");
        int version = checkedId(modelVersionId(i), dictionary.modelVersionCount(), i, 20, "model version id");
        return new StreamEvent.Kernel(start(i), end(i), rank, stream, dictionary.name(name),
                dictionary.featureSet(features), dictionary.modelVersion(version),
                (flags(i) & ColumnarFormat.FLAG_OUT_OF_RANGE) != 0, graphId(i));
    }

    private int checkedId(int id, int defined, long i, int bytesBefore, String what) {
        if (id < ColumnarFormat.NONE || id >= defined) {
            throw error(column(i, bytesBefore, 4), what + " " + id + " of kernel " + i + " is not in "
                    + KernelDictionary.FILE_NAME + " (" + defined + " defined)");
        }
        return id;
    }

    /** Index of the first kernel whose start is after {@code t} (the track size when none is). */
    public long firstStartingAfter(long t) {
        long lo = 0;
        long hi = size;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (start(mid) <= t) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** The kernels that overlap [t0, t1] (start ≤ t1 and end ≥ t0), in start order. */
    public KernelSlices query(long t0, long t1) {
        int g = firstGroupReaching(t0);
        long from = g < 0 ? size : (long) g * capacity;
        long to = firstStartingAfter(t1);
        int bound = (int) Math.max(0, Math.min(Integer.MAX_VALUE - 8, to - from));
        long[] idx = new long[bound];
        int n = 0;
        for (long i = from; i < to && n < bound; i++) {
            if (end(i) >= t0) idx[n++] = i;
        }
        idx = Arrays.copyOf(idx, n);
        long[] s = new long[n];
        long[] e = new long[n];
        int[] name = new int[n];
        int[] mv = new int[n];
        int[] fs = new int[n];
        int[] graph = new int[n];
        byte[] fl = new byte[n];
        for (int k = 0; k < n; k++) {
            long i = idx[k];
            s[k] = start(i);
            e[k] = end(i);
            name[k] = nameId(i);
            mv[k] = modelVersionId(i);
            fs[k] = featureSetId(i);
            graph[k] = graphId(i);
            fl[k] = (byte) flags(i);
        }
        return new KernelSlices(idx, s, e, name, mv, fs, graph, fl);
    }

    /** The first group in which some kernel (here or earlier) ends at or after {@code t0}, or -1. */
    private int firstGroupReaching(long t0) {
        int lo = 0;
        int hi = groupPrefixMaxEnd.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (groupPrefixMaxEnd[mid] < t0) lo = mid + 1; else hi = mid;
        }
        return lo == groupPrefixMaxEnd.length ? -1 : lo;
    }

    @Override
    public void close() {
        arena.close();
    }
}
