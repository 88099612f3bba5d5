package dev.chronoscope.emulator.stream.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import dev.chronoscope.emulator.stream.event.StreamEvent.*;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes events as NDJSON: a header line, one JSON object per event with a {@code type} field and
 * the record's components as fields, and a trailer line that counts the events.
 */
public final class NdjsonEventWriter implements EventSink {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final JsonGenerator gen;
    private long events;
    private boolean closed;

    public NdjsonEventWriter(OutputStream out) {
        try {
            gen = FACTORY.createGenerator(out);
            gen.setRootValueSeparator(null);
            gen.writeStartObject();
            gen.writeStringField("format", NdjsonFormat.FORMAT_NAME);
            gen.writeNumberField("version", NdjsonFormat.VERSION);
            gen.writeEndObject();
            gen.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void accept(StreamEvent event) {
        if (closed) throw new IllegalStateException("NDJSON stream writer is closed");
        try {
            gen.writeStartObject();
            gen.writeStringField("type", EventType.of(event).jsonName);
            gen.writeNumberField("time", event.time());
            writeFields(event);
            gen.writeEndObject();
            gen.writeRaw('\n');
            events++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeFields(StreamEvent event) throws IOException {
        JsonGenerator g = gen;
        switch (event) {
            case RunStart e -> {
                g.writeStringField("runId", e.runId());
                g.writeStringField("scenarioJson", e.scenarioJson());
                g.writeStringField("timeMode", e.timeMode());
                g.writeFieldName("versions");
                if (e.versions() == null) {
                    g.writeNull();
                } else {
                    g.writeStartObject();
                    for (Map.Entry<String, String> v : e.versions().entrySet()) g.writeStringField(v.getKey(), v.getValue());
                    g.writeEndObject();
                }
                g.writeNumberField("wallClockEpochMillis", e.wallClockEpochMillis());
            }
            case ProcessRegistered e -> {
                g.writeNumberField("processId", e.processId());
                g.writeStringField("name", e.name());
            }
            case RankRegistered e -> {
                g.writeNumberField("rank", e.rank());
                g.writeNumberField("processId", e.processId());
                g.writeStringField("deviceType", e.deviceType());
                g.writeNumberField("deviceIndex", e.deviceIndex());
                g.writeNumberField("memoryCapacityBytes", e.memoryCapacityBytes());
            }
            case StreamRegistered e -> {
                g.writeNumberField("rank", e.rank());
                g.writeNumberField("stream", e.stream());
                g.writeStringField("name", e.name());
            }
            case Kernel e -> {
                g.writeNumberField("endTime", e.endTime());
                g.writeNumberField("rank", e.rank());
                g.writeNumberField("stream", e.stream());
                g.writeStringField("name", e.name());
                g.writeFieldName("features");
                writeFeatures(e.features());
                g.writeStringField("modelVersion", e.modelVersion());
                g.writeBooleanField("outOfRange", e.outOfRange());
                g.writeNumberField("graphId", e.graphId());
            }
            case Memcpy e -> {
                g.writeNumberField("endTime", e.endTime());
                g.writeNumberField("rank", e.rank());
                g.writeNumberField("stream", e.stream());
                g.writeStringField("kind", e.kind() == null ? null : e.kind().name());
                g.writeNumberField("bytes", e.bytes());
            }
            case Memory e -> {
                g.writeNumberField("rank", e.rank());
                g.writeNumberField("deltaBytes", e.deltaBytes());
                g.writeNumberField("bytesInUse", e.bytesInUse());
                g.writeStringField("tag", e.tag());
            }
            case TimeJump e -> {
                g.writeNumberField("to", e.to());
                g.writeNumberField("rank", e.rank());
                g.writeStringField("thread", e.thread());
                g.writeStringField("cause", e.cause());
            }
            case Collective e -> {
                g.writeNumberField("endTime", e.endTime());
                g.writeStringField("op", e.op());
                g.writeNumberField("bytes", e.bytes());
                g.writeFieldName("ranks");
                if (e.ranks() == null) g.writeNull(); else g.writeArray(e.ranks(), 0, e.ranks().length);
                g.writeFieldName("arrivals");
                if (e.arrivals() == null) g.writeNull(); else g.writeArray(e.arrivals(), 0, e.arrivals().length);
            }
            case SchedulerStep e -> {
                g.writeNumberField("stepIndex", e.stepIndex());
                g.writeArrayFieldStart("batch");
                if (e.batch() != null) {
                    for (BatchEntry b : e.batch()) {
                        g.writeStartObject();
                        g.writeStringField("requestId", b.requestId());
                        g.writeNumberField("numTokens", b.numTokens());
                        g.writeBooleanField("prefill", b.prefill());
                        g.writeEndObject();
                    }
                }
                g.writeEndArray();
                g.writeNumberField("numRunning", e.numRunning());
                g.writeNumberField("numWaiting", e.numWaiting());
                g.writeNumberField("kvBlocksUsed", e.kvBlocksUsed());
                g.writeNumberField("kvBlocksFree", e.kvBlocksFree());
                g.writeNumberField("preemptions", e.preemptions());
            }
            case Request e -> {
                g.writeStringField("requestId", e.requestId());
                g.writeStringField("phase", e.phase() == null ? null : e.phase().name());
                g.writeNumberField("tokens", e.tokens());
            }
            case KvBlocks e -> {
                g.writeStringField("requestId", e.requestId());
                g.writeFieldName("blockIds");
                if (e.blockIds() == null) g.writeNull(); else g.writeArray(e.blockIds(), 0, e.blockIds().length);
                g.writeNumberField("sharedBlocks", e.sharedBlocks());
            }
            case MetricsSnapshot e -> {
                g.writeObjectFieldStart("values");
                if (e.values() != null) {
                    for (Map.Entry<String, Double> v : e.values().entrySet()) {
                        g.writeFieldName(v.getKey());
                        writeDouble(v.getValue());
                    }
                }
                g.writeEndObject();
            }
            case RunEnd e -> {
                g.writeStringField("status", e.status());
                g.writeStringField("message", e.message());
            }
        }
    }

    private void writeFeatures(Features f) throws IOException {
        if (f == null) {
            gen.writeNull();
            return;
        }
        gen.writeStartObject();
        for (int i = 0; i < f.size(); i++) {
            gen.writeFieldName(f.name(i));
            writeDouble(f.value(i));
        }
        gen.writeEndObject();
    }

    /** Integral values as JSON integers; NaN and infinities, which JSON lacks, as strings. */
    private void writeDouble(double v) throws IOException {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            gen.writeString(Double.toString(v));
        } else if (v == Math.rint(v) && Math.abs(v) < 0x1p53 && !(v == 0 && Double.doubleToRawLongBits(v) != 0)) {
            gen.writeNumber((long) v);
        } else {
            gen.writeNumber(v);
        }
    }

    @Override
    public void flush() {
        try {
            gen.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the trailer line {@code {"type":"end","events":N}} and closes the output. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try (gen) {
            gen.writeStartObject();
            gen.writeStringField("type", NdjsonFormat.END_TYPE);
            gen.writeNumberField("events", events);
            gen.writeEndObject();
            gen.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
