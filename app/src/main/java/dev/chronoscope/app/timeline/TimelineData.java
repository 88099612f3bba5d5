package dev.chronoscope.app.timeline;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.stream.event.StreamEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The timeline's data provider (in the sense of Trace Compass): rows of spans per rank × stream and
 * host lane, the span table behind them, and the collectives that join ranks. Fed by one thread
 * with stream events; read by the renderer through slices, without blocking the feeder.
 */
public final class TimelineData {
    private final SpanTable table = new SpanTable();
    private final Map<String, TimelineRow> rowsByKey = new HashMap<>();
    private volatile List<TimelineRow> rows = List.of();
    private final SpanColumn collectiveSpans = new SpanColumn();
    private final List<CollectiveSpan> collectives = new ArrayList<>();
    private volatile long startTime = Long.MAX_VALUE;
    private volatile long endTime = Long.MIN_VALUE;
    private volatile long version;
    private final Map<Integer, String> deviceTypes = new java.util.concurrent.ConcurrentHashMap<>();

    /** Increases with every change, so a view redraws only when something arrived. */
    public long version() { return version; }

    public SpanTable table() { return table; }

    /** Rows in registration order; a row's {@code index} is its position here. */
    public List<TimelineRow> rows() { return rows; }

    public boolean isEmpty() { return endTime == Long.MIN_VALUE; }

    /** Earliest span start, or 0 when empty. */
    public long startTime() { return isEmpty() ? 0 : startTime; }

    /** Latest span end, or 0 when empty. */
    public long endTime() { return isEmpty() ? 0 : endTime; }

    public SpanColumn.Slice collectiveSlice() { return collectiveSpans.slice(); }

    public synchronized CollectiveSpan collective(int id) { return collectives.get(id); }

    /** Names a rank's device (e.g. "h100-sxm"), shown beside the rank in the lane headers. */
    public void registerRank(int rank, String deviceType) {
        deviceTypes.put(rank, deviceType);
        version++;
    }

    /** The device type of a rank, or "" before it registered. */
    public String deviceType(int rank) {
        return deviceTypes.getOrDefault(rank, "");
    }

    public synchronized void registerStream(int rank, int stream, String name) {
        if (name.startsWith("host:")) hostRow(rank, name);
        else deviceRow(rank, stream, name);
    }

    public synchronized void add(StreamEvent.Kernel k) {
        TimelineRow row = deviceRow(k.rank(), k.stream(), null);
        int id = table.add(SpanKind.KERNEL, k.name(), KernelFamily.ofKernel(k.name()), k.rank(), row.index(),
                k.time(), k.endTime(), k.features(), k.modelVersion(), k.outOfRange());
        row.spans().add(k.time(), k.endTime(), id);
        extend(k.time(), k.endTime());
    }

    public synchronized void add(StreamEvent.Memcpy m) {
        TimelineRow row = deviceRow(m.rank(), m.stream(), null);
        String name = switch (m.kind()) {
            case HOST_TO_DEVICE -> "memcpy HtoD";
            case DEVICE_TO_HOST -> "memcpy DtoH";
            case DEVICE_TO_DEVICE -> "memcpy DtoD";
        };
        int id = table.add(SpanKind.MEMCPY, name, KernelFamily.MEMCPY, m.rank(), row.index(), m.time(), m.endTime(),
                Features.of("bytes", m.bytes()), null, false);
        row.spans().add(m.time(), m.endTime(), id);
        extend(m.time(), m.endTime());
    }

    public synchronized void add(StreamEvent.TimeJump j) {
        TimelineRow row = hostRow(j.rank(), "host:" + j.thread());
        int id = table.add(SpanKind.HOST_WAIT, "wait: " + j.cause(), KernelFamily.HOST_WAIT, j.rank(), row.index(),
                j.time(), j.to(), null, null, false);
        row.spans().add(j.time(), j.to(), id);
        extend(j.time(), j.to());
    }

    public synchronized void add(StreamEvent.Collective c) {
        CollectiveSpan span = new CollectiveSpan(c.op(), c.bytes(), c.time(), c.endTime(), c.ranks().clone(), c.arrivals().clone());
        collectives.add(span);
        collectiveSpans.add(span.firstArrival(), span.end(), collectives.size() - 1);
        extend(span.firstArrival(), span.end());
    }

    private void extend(long start, long end) {
        version++;
        if (start < startTime) startTime = start;
        if (end > endTime) endTime = end;
    }

    private TimelineRow deviceRow(int rank, int stream, String name) {
        String key = rank + "/d/" + stream;
        TimelineRow row = rowsByKey.get(key);
        if (row == null) {
            row = newRow(key, rank, TimelineRow.Kind.DEVICE_STREAM, stream, name == null ? "stream " + stream : name);
        }
        return row;
    }

    private TimelineRow hostRow(int rank, String name) {
        String key = rank + "/h/" + name;
        TimelineRow row = rowsByKey.get(key);
        return row != null ? row : newRow(key, rank, TimelineRow.Kind.HOST_LANE, -1, name);
    }

    private TimelineRow newRow(String key, int rank, TimelineRow.Kind kind, int stream, String name) {
        TimelineRow row = new TimelineRow(rows.size(), rank, kind, stream, name, new SpanColumn());
        rowsByKey.put(key, row);
        List<TimelineRow> next = new ArrayList<>(rows);
        next.add(row);
        rows = List.copyOf(next);
        return row;
    }
}
