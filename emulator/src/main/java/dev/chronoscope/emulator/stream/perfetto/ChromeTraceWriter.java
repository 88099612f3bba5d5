package dev.chronoscope.emulator.stream.perfetto;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import dev.chronoscope.emulator.stream.event.StreamEvent.*;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Writes events as Chrome trace JSON, which Perfetto and chrome://tracing open, with Jackson's
 * streaming generator so traces of millions of events never exist as a tree in memory.
 * Mapping (docs/protocol.md §Chrome trace export): pid = rank, tid = stream or host lane;
 * kernels, memcpys, time jumps and collectives are {@code X} slices; memory in use, KV blocks and
 * metrics are {@code C} counters; requests are async {@code b}/{@code e}/{@code n} tracks of the
 * engine process. Timestamps are microseconds with the nanoseconds as three decimals.
 */
public final class ChromeTraceWriter implements EventSink {
    /** Process of engine-level tracks (scheduler counters, requests, metrics). */
    public static final int ENGINE_PID = 1_000_000;
    /** Per-rank lane of collectives. */
    public static final int COLLECTIVE_TID = 99_999;
    /** Host lanes named only by a time jump's thread get tids from here up. */
    public static final int HOST_LANE_TID_BASE = 100_000;
    private static final int SCHEDULER_TID = 1;
    private static final int REQUESTS_TID = 2;

    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonGenerator g;
    private final Map<Integer, String> processNames = new HashMap<>();
    private final Map<String, Integer> hostLanes = new HashMap<>();
    private final Set<Integer> ranksWithCollectiveLane = new HashSet<>();
    private final Set<String> queued = new HashSet<>();
    private final Map<String, Object> otherData = new LinkedHashMap<>();
    private boolean engineNamed;
    private boolean closed;

    public ChromeTraceWriter(OutputStream out) {
        try {
            g = FACTORY.createGenerator(out);
            g.writeStartObject();
            g.writeStringField("displayTimeUnit", "ns");
            g.writeArrayFieldStart("traceEvents");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void accept(StreamEvent event) {
        try {
            write(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(StreamEvent event) throws IOException {
        switch (event) {
            case RunStart e -> {
                otherData.put("runId", e.runId());
                otherData.put("timeMode", e.timeMode());
                otherData.put("wallClockEpochMillis", e.wallClockEpochMillis());
                if (e.versions() != null) otherData.put("versions", e.versions());
                nameEngine();
            }
            case ProcessRegistered e -> processNames.put(e.processId(), e.name());
            case RankRegistered e -> {
                String process = processNames.getOrDefault(e.processId(), "process " + e.processId());
                metadata("process_name", e.rank(), null, "rank " + e.rank() + " · " + e.deviceType() + " #" + e.deviceIndex() + " · " + process);
                metadata("process_sort_index", e.rank(), null, e.rank());
            }
            case StreamRegistered e -> {
                metadata("thread_name", e.rank(), e.stream(), e.name());
                if (e.name() != null && e.name().startsWith("host:")) hostLanes.put(e.rank() + "/" + e.name().substring(5), e.stream());
            }
            case Kernel e -> {
                begin("X", e.name(), "kernel", e.rank(), e.stream(), e.time());
                g.writeFieldName("dur");
                g.writeNumber(TraceTime.micros(e.duration()));
                g.writeObjectFieldStart("args");
                writeFeatures(e.features());
                g.writeStringField("model_version", e.modelVersion());
                g.writeBooleanField("out_of_range", e.outOfRange());
                if (e.graphId() != Kernel.NO_GRAPH) g.writeNumberField("graph", e.graphId());
                g.writeEndObject();
                g.writeEndObject();
            }
            case Memcpy e -> {
                begin("X", "memcpy " + e.kind(), "memcpy", e.rank(), e.stream(), e.time());
                g.writeFieldName("dur");
                g.writeNumber(TraceTime.micros(e.endTime() - e.time()));
                g.writeObjectFieldStart("args");
                g.writeNumberField("bytes", e.bytes());
                g.writeEndObject();
                g.writeEndObject();
            }
            case TimeJump e -> {
                begin("X", "wait: " + e.cause(), "time_jump", e.rank(), hostLane(e.rank(), e.thread()), e.time());
                g.writeFieldName("dur");
                g.writeNumber(TraceTime.micros(e.to() - e.time()));
                g.writeEndObject();
            }
            case Collective e -> writeCollective(e);
            case Memory e -> counter("memory in use", e.rank(), e.time(), Map.of("bytes", (double) e.bytesInUse()));
            case SchedulerStep e -> {
                nameEngine();
                begin("i", "step " + e.stepIndex(), "scheduler", ENGINE_PID, SCHEDULER_TID, e.time());
                g.writeStringField("s", "t");
                g.writeObjectFieldStart("args");
                g.writeNumberField("batch_size", e.batch() == null ? 0 : e.batch().size());
                g.writeNumberField("prefill_tokens", e.prefillTokens());
                g.writeNumberField("decode_tokens", e.decodeTokens());
                g.writeNumberField("preemptions", e.preemptions());
                g.writeEndObject();
                g.writeEndObject();
                Map<String, Double> kv = new LinkedHashMap<>();
                kv.put("used", (double) e.kvBlocksUsed());
                kv.put("free", (double) e.kvBlocksFree());
                counter("kv blocks", ENGINE_PID, e.time(), kv);
                Map<String, Double> seqs = new LinkedHashMap<>();
                seqs.put("running", (double) e.numRunning());
                seqs.put("waiting", (double) e.numWaiting());
                counter("requests", ENGINE_PID, e.time(), seqs);
            }
            case Request e -> writeRequest(e);
            case KvBlocks e -> { } // Per-request block ids are too fine for a timeline; KV usage comes from scheduler steps.
            case MetricsSnapshot e -> {
                nameEngine();
                if (e.values() != null) {
                    for (Map.Entry<String, Double> m : e.values().entrySet()) {
                        if (Double.isFinite(m.getValue())) counter(m.getKey(), ENGINE_PID, e.time(), Map.of("value", m.getValue()));
                    }
                }
            }
            case RunEnd e -> {
                begin("i", "run end: " + e.status(), "run", ENGINE_PID, SCHEDULER_TID, e.time());
                g.writeStringField("s", "g");
                g.writeObjectFieldStart("args");
                g.writeStringField("message", e.message());
                g.writeEndObject();
                g.writeEndObject();
            }
        }
    }

    private void writeCollective(Collective e) throws IOException {
        int[] ranks = e.ranks() == null ? new int[0] : e.ranks();
        for (int i = 0; i < ranks.length; i++) {
            int rank = ranks[i];
            if (ranksWithCollectiveLane.add(rank)) metadata("thread_name", rank, COLLECTIVE_TID, "collectives");
            begin("X", e.op(), "collective", rank, COLLECTIVE_TID, e.time());
            g.writeFieldName("dur");
            g.writeNumber(TraceTime.micros(e.endTime() - e.time()));
            g.writeObjectFieldStart("args");
            g.writeNumberField("bytes", e.bytes());
            if (e.arrivals() != null && i < e.arrivals().length) {
                g.writeFieldName("arrived_us");
                g.writeNumber(TraceTime.micros(e.arrivals()[i]));
            }
            g.writeEndObject();
            g.writeEndObject();
        }
    }

    /** A request is an async track: "request" from arrival to finish, with "queued" nested while it waits. */
    private void writeRequest(Request e) throws IOException {
        if (e.phase() == null) return;
        nameEngine();
        String id = e.requestId();
        switch (e.phase()) {
            case ARRIVED -> {
                async("b", "request", id, e.time(), "prompt_tokens", e.tokens());
                async("b", "queued", id, e.time(), null, 0);
                queued.add(id);
            }
            case SCHEDULED -> {
                if (queued.remove(id)) async("e", "queued", id, e.time(), null, 0);
            }
            case FIRST_TOKEN -> async("n", "first token", id, e.time(), "tokens", e.tokens());
            case TOKEN -> async("n", "token", id, e.time(), "tokens", e.tokens());
            case PREEMPTED -> {
                async("n", "preempted", id, e.time(), "tokens", e.tokens());
                if (queued.add(id)) async("b", "queued", id, e.time(), null, 0);
            }
            case FINISHED -> {
                if (queued.remove(id)) async("e", "queued", id, e.time(), null, 0);
                async("e", "request", id, e.time(), "output_tokens", e.tokens());
            }
        }
    }

    private void async(String ph, String name, String id, long time, String argName, int argValue) throws IOException {
        begin(ph, name, "request", ENGINE_PID, REQUESTS_TID, time);
        g.writeStringField("id", id);
        if (argName != null) {
            g.writeObjectFieldStart("args");
            g.writeStringField("request", id);
            g.writeNumberField(argName, argValue);
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private int hostLane(int rank, String thread) throws IOException {
        String key = rank + "/" + thread;
        Integer tid = hostLanes.get(key);
        if (tid == null) {
            tid = HOST_LANE_TID_BASE + hostLanes.size();
            hostLanes.put(key, tid);
            metadata("thread_name", rank, tid, "host:" + thread);
        }
        return tid;
    }

    private void nameEngine() throws IOException {
        if (engineNamed) return;
        engineNamed = true;
        metadata("process_name", ENGINE_PID, null, "engine");
        metadata("thread_name", ENGINE_PID, SCHEDULER_TID, "scheduler");
        metadata("thread_name", ENGINE_PID, REQUESTS_TID, "requests");
    }

    /** Opens an event object with the fields every phase has; the caller adds the rest and closes it. */
    private void begin(String ph, String name, String cat, int pid, int tid, long time) throws IOException {
        g.writeStartObject();
        g.writeStringField("ph", ph);
        g.writeStringField("name", name);
        g.writeStringField("cat", cat);
        g.writeNumberField("pid", pid);
        g.writeNumberField("tid", tid);
        g.writeFieldName("ts");
        g.writeNumber(TraceTime.micros(time));
    }

    private void metadata(String name, int pid, Integer tid, Object value) throws IOException {
        g.writeStartObject();
        g.writeStringField("ph", "M");
        g.writeStringField("name", name);
        g.writeNumberField("pid", pid);
        if (tid != null) g.writeNumberField("tid", tid);
        g.writeObjectFieldStart("args");
        if (value instanceof Integer i) g.writeNumberField("sort_index", i); else g.writeStringField("name", String.valueOf(value));
        g.writeEndObject();
        g.writeEndObject();
    }

    private void counter(String name, int pid, long time, Map<String, Double> values) throws IOException {
        g.writeStartObject();
        g.writeStringField("ph", "C");
        g.writeStringField("name", name);
        g.writeNumberField("pid", pid);
        g.writeNumberField("tid", 0);
        g.writeFieldName("ts");
        g.writeNumber(TraceTime.micros(time));
        g.writeObjectFieldStart("args");
        for (Map.Entry<String, Double> v : values.entrySet()) numberField(v.getKey(), v.getValue());
        g.writeEndObject();
        g.writeEndObject();
    }

    private void writeFeatures(Features f) throws IOException {
        if (f == null) return;
        for (int i = 0; i < f.size(); i++) numberField(f.name(i), f.value(i));
    }

    /** Integral values as JSON integers; NaN and infinities, which JSON lacks, as strings. */
    private void numberField(String name, double v) throws IOException {
        if (v == Math.rint(v) && Math.abs(v) < 0x1p53) g.writeNumberField(name, (long) v);
        else if (Double.isFinite(v)) g.writeNumberField(name, v);
        else g.writeStringField(name, Double.toString(v));
    }

    @Override
    public void flush() {
        try {
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends the event array, writes the run's metadata as {@code otherData} and closes the output. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try (g) {
            g.writeEndArray();
            g.writeFieldName("otherData");
            g.writeStartObject();
            for (Map.Entry<String, Object> e : otherData.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> m) {
                    g.writeObjectFieldStart(e.getKey());
                    for (Map.Entry<?, ?> v : m.entrySet()) g.writeStringField(String.valueOf(v.getKey()), String.valueOf(v.getValue()));
                    g.writeEndObject();
                } else {
                    g.writeStringField(e.getKey(), String.valueOf(e.getValue()));
                }
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
