package dev.chronoscope.emulator.stream.codec;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import dev.chronoscope.emulator.stream.event.StreamEvent.*;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes events in the binary encoding: header, then one frame per event, then an end frame that
 * counts them. Repeated strings (kernel names, model versions, request ids...) and feature-name
 * lists are sent once as definition frames and referenced by id afterwards, so a kernel event is a
 * few tens of bytes. Times are zigzag deltas from the previous event's time.
 */
public final class BinaryEventWriter implements EventSink {
    private final OutputStream out;
    private final PayloadWriter payload = new PayloadWriter();
    private final PayloadWriter definition = new PayloadWriter();
    private final Map<String, Integer> symbols = new HashMap<>();
    private final Map<List<String>, Integer> schemas = new HashMap<>();
    private Features lastFeatures;
    private int lastSchema;
    private long lastTime;
    private long events;
    private boolean closed;

    public BinaryEventWriter(OutputStream out) {
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
        try {
            this.out.write(BinaryFormat.MAGIC);
            this.out.write(new byte[] {0, (byte) BinaryFormat.VERSION, 0, 0});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void accept(StreamEvent event) {
        if (closed) throw new IllegalStateException("binary stream writer is closed");
        try {
            payload.reset();
            EventType type = EventType.of(event);
            payload.u8(type.tag);
            payload.svar(event.time() - lastTime);
            lastTime = event.time();
            encodeBody(event);
            payload.writeFrame(out);
            events++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void encodeBody(StreamEvent event) throws IOException {
        PayloadWriter p = payload;
        switch (event) {
            case RunStart e -> {
                p.str(e.runId());
                p.str(e.scenarioJson());
                p.str(e.timeMode());
                writeStringMap(e.versions());
                p.svar(e.wallClockEpochMillis());
            }
            case ProcessRegistered e -> {
                p.svar(e.processId());
                p.str(e.name());
            }
            case RankRegistered e -> {
                p.svar(e.rank());
                p.svar(e.processId());
                sym(e.deviceType());
                p.svar(e.deviceIndex());
                p.svar(e.memoryCapacityBytes());
            }
            case StreamRegistered e -> {
                p.svar(e.rank());
                p.svar(e.stream());
                sym(e.name());
            }
            case Kernel e -> {
                p.svar(e.endTime() - e.time());
                p.svar(e.rank());
                p.svar(e.stream());
                sym(e.name());
                features(e.features());
                sym(e.modelVersion());
                p.bool(e.outOfRange());
                p.svar(e.graphId());
            }
            case Memcpy e -> {
                p.svar(e.endTime() - e.time());
                p.svar(e.rank());
                p.svar(e.stream());
                p.u8(e.kind() == null ? 0 : e.kind().ordinal() + 1);
                p.svar(e.bytes());
            }
            case Memory e -> {
                p.svar(e.rank());
                p.svar(e.deltaBytes());
                p.svar(e.bytesInUse());
                sym(e.tag());
            }
            case TimeJump e -> {
                p.svar(e.to() - e.time());
                p.svar(e.rank());
                sym(e.thread());
                sym(e.cause());
            }
            case Collective e -> {
                p.svar(e.endTime() - e.time());
                sym(e.op());
                p.svar(e.bytes());
                intArray(e.ranks());
                if (e.arrivals() == null) {
                    p.uvar(0);
                } else {
                    p.uvar(e.arrivals().length + 1L);
                    for (long a : e.arrivals()) p.svar(a - e.time());
                }
            }
            case SchedulerStep e -> {
                p.svar(e.stepIndex());
                List<BatchEntry> batch = e.batch() == null ? List.of() : e.batch();
                p.uvar(batch.size());
                for (BatchEntry b : batch) {
                    sym(b.requestId());
                    p.svar(b.numTokens());
                    p.bool(b.prefill());
                }
                p.svar(e.numRunning());
                p.svar(e.numWaiting());
                p.svar(e.kvBlocksUsed());
                p.svar(e.kvBlocksFree());
                p.svar(e.preemptions());
            }
            case Request e -> {
                sym(e.requestId());
                p.u8(e.phase() == null ? 0 : e.phase().ordinal() + 1);
                p.svar(e.tokens());
            }
            case KvBlocks e -> {
                sym(e.requestId());
                intArray(e.blockIds());
                p.svar(e.sharedBlocks());
            }
            case MetricsSnapshot e -> {
                Map<String, Double> values = e.values() == null ? Map.of() : e.values();
                p.uvar(values.size());
                for (Map.Entry<String, Double> v : values.entrySet()) {
                    sym(v.getKey());
                    p.f64(v.getValue());
                }
            }
            case RunEnd e -> {
                sym(e.status());
                p.str(e.message());
            }
        }
    }

    private void writeStringMap(Map<String, String> map) {
        if (map == null) {
            payload.uvar(0);
            return;
        }
        payload.uvar(map.size() + 1L);
        for (Map.Entry<String, String> e : map.entrySet()) {
            payload.str(e.getKey());
            payload.str(e.getValue());
        }
    }

    private void intArray(int[] values) {
        if (values == null) {
            payload.uvar(0);
            return;
        }
        payload.uvar(values.length + 1L);
        for (int v : values) payload.svar(v);
    }

    /** Writes a symbol reference (id + 1, zero for null), defining the symbol first if it is new. */
    private void sym(String s) throws IOException {
        payload.uvar(s == null ? 0 : symbolId(s) + 1L);
    }

    private int symbolId(String s) throws IOException {
        Integer id = symbols.get(s);
        if (id != null) return id;
        int next = symbols.size();
        definition.reset();
        definition.u8(BinaryFormat.TAG_STRING);
        definition.uvar(next);
        definition.str(s);
        definition.writeFrame(out);
        symbols.put(s, next);
        return next;
    }

    /** Feature-name list as a schema id (id + 1, zero for null features), then the values. */
    private void features(Features f) throws IOException {
        if (f == null) {
            payload.uvar(0);
            return;
        }
        payload.uvar(schemaId(f) + 1L);
        for (int i = 0; i < f.size(); i++) payload.num(f.value(i));
    }

    private int schemaId(Features f) throws IOException {
        if (f == lastFeatures) return lastSchema;
        String[] names = new String[f.size()];
        for (int i = 0; i < names.length; i++) names[i] = f.name(i);
        List<String> key = Arrays.asList(names);
        Integer id = schemas.get(key);
        if (id == null) {
            int[] nameIds = new int[names.length];
            for (int i = 0; i < names.length; i++) nameIds[i] = symbolId(names[i]);
            id = schemas.size();
            definition.reset();
            definition.u8(BinaryFormat.TAG_FEATURE_SCHEMA);
            definition.uvar(id);
            definition.uvar(nameIds.length);
            for (int n : nameIds) definition.uvar(n);
            definition.writeFrame(out);
            schemas.put(key, id);
        }
        lastFeatures = f;
        lastSchema = id;
        return id;
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the end frame (the event count) and closes the output. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try (out) {
            payload.reset();
            payload.u8(BinaryFormat.TAG_END);
            payload.uvar(events);
            payload.writeFrame(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
