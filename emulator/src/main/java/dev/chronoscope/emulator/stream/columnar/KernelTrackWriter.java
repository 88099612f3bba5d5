package dev.chronoscope.emulator.stream.columnar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Appends the kernels of one (rank, stream) to its column file, a group of columns at a time, so
 * memory stays bounded however long the run. Written as {@code .partial} and renamed on close.
 * Kernels must arrive in start order, which a stream's FIFO semantics guarantee (DESIGN §6).
 */
final class KernelTrackWriter {
    private final int rank;
    private final int stream;
    private final Path target;
    private final Path partial;
    private final FileChannel channel;
    private final int capacity;
    private final ByteBuffer groupBuffer;
    private final long[] start;
    private final long[] end;
    private final int[] nameId;
    private final int[] modelVersionId;
    private final int[] featureSetId;
    private final int[] graphId;
    private final byte[] flags;
    private int n;
    private long position = ColumnarFormat.HEADER_BYTES;
    private long lastStart = Long.MIN_VALUE;
    private long maxEnd = Long.MIN_VALUE;
    private long events;
    private ByteBuffer footer = ByteBuffer.allocate(ColumnarFormat.FOOTER_ENTRY_BYTES * 16).order(ByteOrder.LITTLE_ENDIAN);

    KernelTrackWriter(Path dir, int rank, int stream, int capacity, ByteBuffer sharedGroupBuffer) {
        this.rank = rank;
        this.stream = stream;
        this.capacity = capacity;
        this.groupBuffer = sharedGroupBuffer;
        this.target = dir.resolve(ColumnarFormat.fileName(rank, stream));
        this.partial = dir.resolve(target.getFileName() + ".partial");
        start = new long[capacity];
        end = new long[capacity];
        nameId = new int[capacity];
        modelVersionId = new int[capacity];
        featureSetId = new int[capacity];
        graphId = new int[capacity];
        flags = new byte[capacity];
        try {
            channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            ByteBuffer header = ByteBuffer.allocate(ColumnarFormat.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            header.put(ColumnarFormat.MAGIC).putInt(ColumnarFormat.VERSION).putInt(rank).putInt(stream).putInt(capacity).putLong(0).flip();
            writeFully(header, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void append(long startTime, long endTime, int name, int modelVersion, int featureSet, int graph, int flagBits) {
        if (startTime < lastStart) {
            throw new IllegalArgumentException("kernel on rank " + rank + " stream " + stream + " starts at " + startTime
                    + " ns, before the previous kernel's start " + lastStart + " ns: a stream's kernels must arrive in start order");
        }
        lastStart = startTime;
        int i = n;
        start[i] = startTime;
        end[i] = endTime;
        nameId[i] = name;
        modelVersionId[i] = modelVersion;
        featureSetId[i] = featureSet;
        graphId[i] = graph;
        flags[i] = (byte) flagBits;
        if (++n == capacity) writeGroup();
    }

    private void writeGroup() {
        int count = n;
        long groupMaxEnd = maxEnd;
        for (int i = 0; i < count; i++) if (end[i] > groupMaxEnd) groupMaxEnd = end[i];
        ByteBuffer b = groupBuffer.clear();
        b.asLongBuffer().put(start, 0, count);
        b.position(8 * count);
        b.asLongBuffer().put(end, 0, count);
        b.position(16 * count);
        b.asIntBuffer().put(nameId, 0, count);
        b.position(20 * count);
        b.asIntBuffer().put(modelVersionId, 0, count);
        b.position(24 * count);
        b.asIntBuffer().put(featureSetId, 0, count);
        b.position(28 * count);
        b.asIntBuffer().put(graphId, 0, count);
        b.position(32 * count);
        b.put(flags, 0, count);
        int bytes = (int) ColumnarFormat.groupBytes(count);
        while (b.position() < bytes) b.put((byte) 0);
        b.flip();
        try {
            writeFully(b, position);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (footer.remaining() < ColumnarFormat.FOOTER_ENTRY_BYTES) {
            footer = ByteBuffer.allocate(footer.capacity() * 2).order(ByteOrder.LITTLE_ENDIAN).put(footer.flip());
        }
        footer.putLong(position).putInt(count).putInt(0).putLong(start[0]).putLong(start[count - 1]).putLong(groupMaxEnd);
        position += bytes;
        maxEnd = groupMaxEnd;
        events += count;
        n = 0;
    }

    private void writeFully(ByteBuffer b, long at) throws IOException {
        long p = at;
        while (b.hasRemaining()) p += channel.write(b, p);
    }

    /** Writes the last group, the footer and the trailer, then renames the file to its final name. */
    void close() {
        if (n > 0) writeGroup();
        try {
            long footerOffset = position;
            footer.flip();
            int groups = footer.remaining() / ColumnarFormat.FOOTER_ENTRY_BYTES;
            writeFully(footer, footerOffset);
            ByteBuffer trailer = ByteBuffer.allocate(ColumnarFormat.TRAILER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            trailer.putLong(footerOffset).putLong(events).putInt(groups).putInt(0).put(ColumnarFormat.END_MAGIC).flip();
            writeFully(trailer, footerOffset + (long) groups * ColumnarFormat.FOOTER_ENTRY_BYTES);
            channel.close();
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long events() { return events + n; }
}
