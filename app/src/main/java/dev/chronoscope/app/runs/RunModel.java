package dev.chronoscope.app.runs;

import dev.chronoscope.app.timeline.TimelineData;
import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.LongSupplier;

/**
 * Everything the workbench knows about one run, built from its interposer stream. Any one thread
 * may feed it (it is an {@link EventSink}); the UI reads it once per pulse and redraws only when
 * {@link #version()} moved, so millions of events never queue up on the UI thread.
 */
public final class RunModel implements EventSink {
    private final TimelineData timeline = new TimelineData();
    private final RequestLedger requests = new RequestLedger();
    private final StepLog steps = new StepLog();
    private final KvLog kv = new KvLog();
    private final Map<String, Double> latestMetrics = new ConcurrentHashMap<>();
    private final Map<Integer, RankInfo> ranks = new ConcurrentSkipListMap<>();
    private final Map<Integer, long[]> busyByRank = new ConcurrentHashMap<>();
    private final LongSupplier wallNanos;
    private final RunConsole console = new RunConsole();
    private volatile Path folder;
    private volatile long heldAt = -1;

    private volatile long version;
    private volatile long eventCount;
    private volatile long virtualTime;
    private volatile long wallStart = -1;
    private volatile long wallLast = -1;
    private volatile RunStatus status = RunStatus.WAITING_FOR_EVENTS;
    private volatile String message = "";
    private volatile String runId = "";
    private volatile String timeMode = "";

    public RunModel() {
        this(System::nanoTime);
    }

    /** @param wallNanos the wall clock that speed (virtual s per wall s) is measured against */
    public RunModel(LongSupplier wallNanos) {
        this.wallNanos = wallNanos;
    }

    @Override
    public synchronized void accept(StreamEvent event) {
        long wall = wallNanos.getAsLong();
        if (wallStart < 0) wallStart = wall;
        wallLast = wall;
        switch (event) {
            case StreamEvent.RunStart s -> {
                runId = s.runId();
                timeMode = s.timeMode();
                status = RunStatus.RUNNING;
            }
            case StreamEvent.ProcessRegistered p -> { }
            case StreamEvent.RankRegistered r -> {
                ranks.put(r.rank(), new RankInfo(r.rank(), r.processId(), r.deviceType(), r.memoryCapacityBytes()));
                timeline.registerRank(r.rank(), r.deviceType());
            }
            case StreamEvent.StreamRegistered s -> timeline.registerStream(s.rank(), s.stream(), s.name());
            case StreamEvent.Kernel k -> {
                timeline.add(k);
                addBusy(k.rank(), k.time(), k.endTime());
                advance(k.endTime());
            }
            case StreamEvent.Memcpy m -> {
                timeline.add(m);
                advance(m.endTime());
            }
            case StreamEvent.Memory m -> latestMetrics.put("memory_bytes_rank" + m.rank(), (double) m.bytesInUse());
            case StreamEvent.TimeJump j -> {
                timeline.add(j);
                advance(j.to());
            }
            case StreamEvent.Collective c -> {
                timeline.add(c);
                advance(c.endTime());
            }
            case StreamEvent.SchedulerStep s -> steps.accept(s);
            case StreamEvent.Request r -> requests.accept(r);
            case StreamEvent.KvBlocks k -> kv.accept(k);
            case StreamEvent.MetricsSnapshot m -> latestMetrics.putAll(m.values());
            case StreamEvent.RunEnd e -> {
                status = "ok".equals(e.status()) ? RunStatus.FINISHED : RunStatus.FAILED;
                message = e.message() == null ? "" : e.message();
            }
        }
        advance(event.time());
        eventCount++;
        version++;
    }

    /** Marks the run failed from outside its stream, e.g. when the launcher could not start it. */
    public synchronized void fail(String why) {
        status = RunStatus.FAILED;
        message = why;
        version++;
    }

    private void advance(long t) {
        if (t > virtualTime) virtualTime = t;
    }

    /** Busy time per rank as the union of its kernels, assuming each rank's kernels arrive roughly in order. */
    private void addBusy(int rank, long start, long end) {
        long[] b = busyByRank.computeIfAbsent(rank, r -> new long[2]); // [busy, tail]
        long from = Math.max(start, b[1]);
        if (end > from) b[0] += end - from;
        b[1] = Math.max(b[1], end);
    }

    /** What the run's producer printed. */
    public RunConsole console() { return console; }

    /** The run folder the run writes (or was read from); null when it has none. */
    public Path folder() { return folder; }

    public void folder(Path dir) { folder = dir; }

    /** The virtual time the run holds at (paused or stepped), or -1 while it runs. */
    public long heldAt() { return heldAt; }

    public synchronized void held(long virtualNanos) {
        heldAt = virtualNanos;
        version++;
    }

    /** Increases with every change; the UI redraws when it moved. */
    public long version() { return version; }

    public long eventCount() { return eventCount; }

    /** Latest virtual time seen, ns. */
    public long virtualTime() { return virtualTime; }

    /** Virtual seconds per wall second since the first event; 0 before two events. */
    public double speed() {
        long wall = wallLast - wallStart;
        return wall <= 0 ? 0 : (virtualTime / 1e9) / (wall / 1e9);
    }

    /** Fraction of rank-time the GPUs spent running kernels, over all ranks. */
    public double gpuBusyFraction() {
        if (virtualTime <= 0 || busyByRank.isEmpty()) return 0;
        long busy = 0;
        for (long[] b : busyByRank.values()) busy += b[0];
        int n = Math.max(ranks.size(), busyByRank.size());
        return Math.min(1.0, busy / ((double) virtualTime * n));
    }

    public RunStatus status() { return status; }

    /** The error message of a failed run (or the run end message). */
    public String message() { return message; }

    public String runId() { return runId; }

    public String timeMode() { return timeMode; }

    public Map<Integer, RankInfo> ranks() { return Map.copyOf(ranks); }

    /** The last value of a metric from MetricsSnapshot events, or {@code fallback}. */
    public double metric(String name, double fallback) { return latestMetrics.getOrDefault(name, fallback); }

    public TimelineData timeline() { return timeline; }

    public RequestLedger requests() { return requests; }

    public StepLog steps() { return steps; }

    public KvLog kv() { return kv; }

    public RunMetrics metrics() { return requests.metrics(virtualTime); }
}
