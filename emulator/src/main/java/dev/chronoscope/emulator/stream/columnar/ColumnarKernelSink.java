package dev.chronoscope.emulator.stream.columnar;

import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Stores kernel events compactly: one column file per (rank, stream) plus a shared dictionary of
 * names, model versions and feature sets (see {@link ColumnarFormat}). Other events are ignored;
 * a run folder sends them to the stream file. {@link #close()} completes every file.
 */
public final class ColumnarKernelSink implements EventSink {
    private static final int DIRECT_LIMIT = 1 << 12;

    private final Path dir;
    private final int groupCapacity;
    private final ByteBuffer groupBuffer;
    private final KernelDictionary dictionary = new KernelDictionary();
    private final Map<Long, KernelTrackWriter> tracks = new HashMap<>();
    /** Direct lookup for the usual small rank and stream numbers: the hot path must not box a key. */
    private KernelTrackWriter[][] byRankAndStream = new KernelTrackWriter[0][];
    private boolean closed;

    public ColumnarKernelSink(Path dir) {
        this(dir, ColumnarFormat.DEFAULT_GROUP_CAPACITY);
    }

    /** A sink whose groups hold {@code groupCapacity} events (small values are for tests). */
    public ColumnarKernelSink(Path dir, int groupCapacity) {
        if (groupCapacity < 1) throw new IllegalArgumentException("groupCapacity must be >= 1 but is " + groupCapacity);
        this.dir = dir;
        this.groupCapacity = groupCapacity;
        this.groupBuffer = ByteBuffer.allocateDirect((int) ColumnarFormat.groupBytes(groupCapacity)).order(ByteOrder.LITTLE_ENDIAN);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void accept(StreamEvent event) {
        if (event instanceof StreamEvent.Kernel k) append(k);
    }

    public void append(StreamEvent.Kernel k) {
        if (closed) throw new IllegalStateException("columnar kernel sink is closed");
        track(k.rank(), k.stream()).append(k.time(), k.endTime(), dictionary.nameId(k.name()),
                dictionary.modelVersionId(k.modelVersion()), dictionary.featureSetId(k.features()), k.graphId(),
                k.outOfRange() ? ColumnarFormat.FLAG_OUT_OF_RANGE : 0);
    }

    private KernelTrackWriter track(int rank, int stream) {
        if (rank >= 0 && rank < byRankAndStream.length && stream >= 0) {
            KernelTrackWriter[] streams = byRankAndStream[rank];
            if (streams != null && stream < streams.length && streams[stream] != null) return streams[stream];
        }
        long key = ((long) rank << 32) | (stream & 0xFFFFFFFFL);
        KernelTrackWriter t = tracks.get(key);
        if (t == null) {
            t = new KernelTrackWriter(dir, rank, stream, groupCapacity, groupBuffer);
            tracks.put(key, t);
        }
        if (rank >= 0 && rank < DIRECT_LIMIT && stream >= 0 && stream < DIRECT_LIMIT) {
            if (rank >= byRankAndStream.length) byRankAndStream = Arrays.copyOf(byRankAndStream, rank + 1);
            KernelTrackWriter[] streams = byRankAndStream[rank];
            if (streams == null || stream >= streams.length) {
                streams = streams == null ? new KernelTrackWriter[stream + 1] : Arrays.copyOf(streams, stream + 1);
                byRankAndStream[rank] = streams;
            }
            streams[stream] = t;
        }
        return t;
    }

    /** Kernels appended so far, over all tracks. */
    public long events() {
        long n = 0;
        for (KernelTrackWriter t : tracks.values()) n += t.events();
        return n;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (KernelTrackWriter t : tracks.values()) t.close();
        dictionary.write(dir);
    }
}
