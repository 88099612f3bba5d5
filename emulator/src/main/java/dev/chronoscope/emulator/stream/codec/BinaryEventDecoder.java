package dev.chronoscope.emulator.stream.codec;

import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import dev.chronoscope.emulator.stream.event.StreamEvent.*;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/** Decodes the binary encoding after its header; see {@link BinaryEventWriter} for the layout. */
final class BinaryEventDecoder implements EventDecoder {
    private static final CopyKind[] COPY_KINDS = CopyKind.values();
    private static final RequestPhase[] PHASES = RequestPhase.values();

    private final InputStream in;
    private final String source;
    private final PayloadReader p;
    private final CRC32C crc = new CRC32C();
    private final List<String> symbols = new ArrayList<>();
    private final List<String[]> schemas = new ArrayList<>();
    private long offset;
    private long lastTime;
    private long events;
    private boolean ended;

    BinaryEventDecoder(InputStream in, String source, long offsetAfterHeader) {
        this.in = in;
        this.source = source;
        this.p = new PayloadReader(source);
        this.offset = offsetAfterHeader;
    }

    @Override
    public StreamEvent read() throws IOException {
        while (!ended) {
            long frameOffset = offset;
            if (!readFrame(frameOffset)) {
                throw StreamFormatException.atOffset(source, frameOffset,
                        "stream ends without an end frame (truncated: expected a frame length)");
            }
            int tag = p.u8("frame tag");
            switch (tag) {
                case BinaryFormat.TAG_END -> end();
                case BinaryFormat.TAG_STRING -> defineString();
                case BinaryFormat.TAG_FEATURE_SCHEMA -> defineSchema();
                default -> {
                    EventType type = EventType.ofTag(tag);
                    if (type == null) {
                        throw StreamFormatException.atOffset(source, p.offset() - 1,
                                "unknown frame tag 0x" + Integer.toHexString(tag) + " (expected 0x00-0x02 or an event tag 0x10-0x1d)");
                    }
                    StreamEvent e = decode(type);
                    p.expectEnd(type.jsonName);
                    events++;
                    return e;
                }
            }
        }
        return null;
    }

    /** Reads one frame into the payload reader; false at a clean end of input before any byte. */
    private boolean readFrame(long frameOffset) throws IOException {
        long length = 0;
        for (int i = 0; ; i++) {
            int b = in.read();
            if (b < 0) {
                if (i == 0) return false;
                throw StreamFormatException.atOffset(source, offset, "stream ends inside a frame length");
            }
            offset++;
            length |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) break;
            if (i == 4) throw StreamFormatException.atOffset(source, frameOffset, "frame length varint longer than 5 bytes");
        }
        if (length == 0 || length > BinaryFormat.MAX_FRAME_BYTES) {
            throw StreamFormatException.atOffset(source, frameOffset,
                    "frame length " + length + " outside 1.." + BinaryFormat.MAX_FRAME_BYTES);
        }
        long payloadOffset = offset;
        byte[] payload = in.readNBytes((int) length);
        offset += payload.length;
        if (payload.length < length) {
            throw StreamFormatException.atOffset(source, offset,
                    "stream ends inside a frame (truncated: frame at " + frameOffset + " declares " + length
                            + " payload bytes, " + payload.length + " present)");
        }
        byte[] checksum = in.readNBytes(4);
        if (checksum.length < 4) {
            throw StreamFormatException.atOffset(source, offset + checksum.length, "stream ends inside a frame checksum (truncated)");
        }
        crc.reset();
        crc.update(payload, 0, payload.length);
        int expected = (int) crc.getValue();
        int actual = ((checksum[0] & 0xFF) << 24) | ((checksum[1] & 0xFF) << 16) | ((checksum[2] & 0xFF) << 8) | (checksum[3] & 0xFF);
        if (expected != actual) {
            throw StreamFormatException.atOffset(source, frameOffset, "frame checksum mismatch (corrupted frame of "
                    + length + " bytes: CRC-32C is 0x" + Integer.toHexString(expected) + ", stored 0x" + Integer.toHexString(actual) + ")");
        }
        offset += 4;
        p.reset(payload, payloadOffset);
        return true;
    }

    private void end() throws IOException {
        long at = p.offset();
        long declared = p.uvar("end frame event count");
        p.expectEnd("end frame");
        if (declared != events) {
            throw StreamFormatException.atOffset(source, at, "end frame counts " + declared + " events but " + events + " were read");
        }
        if (in.read() >= 0) {
            throw StreamFormatException.atOffset(source, offset, "unexpected bytes after the end frame (expected end of stream)");
        }
        ended = true;
    }

    private void defineString() {
        long at = p.offset();
        long id = p.uvar("string id");
        if (id != symbols.size()) {
            throw StreamFormatException.atOffset(source, at, "string definition id " + id + " out of order (expected " + symbols.size() + ")");
        }
        String s = p.str("string");
        if (s == null) throw p.error("string definition is null");
        p.expectEnd("string definition");
        symbols.add(s);
    }

    private void defineSchema() {
        long at = p.offset();
        long id = p.uvar("feature schema id");
        if (id != schemas.size()) {
            throw StreamFormatException.atOffset(source, at, "feature schema id " + id + " out of order (expected " + schemas.size() + ")");
        }
        String[] names = new String[p.count("feature count", 1)];
        for (int i = 0; i < names.length; i++) {
            long nameAt = p.offset();
            names[i] = symbol(p.uvar("feature name id"), "feature name id", nameAt);
        }
        p.expectEnd("feature schema");
        schemas.add(names);
    }

    private String symbol(long id, String what, long at) {
        if (id < 0 || id >= symbols.size()) {
            throw StreamFormatException.atOffset(source, at, what + " refers to string " + Long.toUnsignedString(id)
                    + ", which is not defined (" + symbols.size() + " strings defined)");
        }
        return symbols.get((int) id);
    }

    private String sym(String what) {
        long at = p.offset();
        long ref = p.uvar(what);
        return ref == 0 ? null : symbol(ref - 1, what, at);
    }

    private Features features() {
        long at = p.offset();
        long ref = p.uvar("feature schema");
        if (ref == 0) return null;
        if (ref < 0 || ref > schemas.size()) throw StreamFormatException.atOffset(source, at, "feature schema " + Long.toUnsignedString(ref - 1) + " is not defined (" + schemas.size() + " defined)");
        String[] names = schemas.get((int) (ref - 1));
        double[] values = new double[names.length];
        for (int i = 0; i < values.length; i++) values[i] = p.num("feature " + names[i]);
        return Features.of(names, values);
    }

    private <E extends Enum<E>> E enumValue(E[] values, String what) {
        int v = p.u8(what);
        if (v > values.length) throw p.error(what + " " + v + " is not one of 0.." + values.length);
        return v == 0 ? null : values[v - 1];
    }

    private int[] intArray(String what) {
        int n = p.nullableCount(what + " count", 1);
        if (n < 0) return null;
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = p.svarInt(what);
        return a;
    }

    private StreamEvent decode(EventType type) {
        long time = lastTime + p.svar("time");
        lastTime = time;
        return switch (type) {
            case RUN_START -> {
                String runId = p.str("runId");
                String scenario = p.str("scenarioJson");
                String mode = p.str("timeMode");
                Map<String, String> versions = null;
                int n = p.nullableCount("versions count", 2);
                if (n >= 0) {
                    versions = new LinkedHashMap<>();
                    for (int i = 0; i < n; i++) versions.put(p.str("version name"), p.str("version value"));
                }
                yield new RunStart(time, runId, scenario, mode, versions, p.svar("wallClockEpochMillis"));
            }
            case PROCESS_REGISTERED -> new ProcessRegistered(time, p.svarInt("processId"), p.str("name"));
            case RANK_REGISTERED -> new RankRegistered(time, p.svarInt("rank"), p.svarInt("processId"), sym("deviceType"),
                    p.svarInt("deviceIndex"), p.svar("memoryCapacityBytes"));
            case STREAM_REGISTERED -> new StreamRegistered(time, p.svarInt("rank"), p.svarInt("stream"), sym("name"));
            case KERNEL -> new Kernel(time, time + p.svar("duration"), p.svarInt("rank"), p.svarInt("stream"), sym("name"),
                    features(), sym("modelVersion"), p.bool("outOfRange"), p.svarInt("graphId"));
            case MEMCPY -> new Memcpy(time, time + p.svar("duration"), p.svarInt("rank"), p.svarInt("stream"),
                    enumValue(COPY_KINDS, "copy kind"), p.svar("bytes"));
            case MEMORY -> new Memory(time, p.svarInt("rank"), p.svar("deltaBytes"), p.svar("bytesInUse"), sym("tag"));
            case TIME_JUMP -> new TimeJump(time, time + p.svar("jump"), p.svarInt("rank"), sym("thread"), sym("cause"));
            case COLLECTIVE -> {
                long end = time + p.svar("duration");
                String op = sym("op");
                long bytes = p.svar("bytes");
                int[] ranks = intArray("ranks");
                long[] arrivals = null;
                int n = p.nullableCount("arrivals count", 1);
                if (n >= 0) {
                    arrivals = new long[n];
                    for (int i = 0; i < n; i++) arrivals[i] = time + p.svar("arrival");
                }
                yield new Collective(time, end, op, bytes, ranks, arrivals);
            }
            case SCHEDULER_STEP -> {
                long step = p.svar("stepIndex");
                int n = p.count("batch size", 3);
                List<BatchEntry> batch = new ArrayList<>(n);
                for (int i = 0; i < n; i++) batch.add(new BatchEntry(sym("requestId"), p.svarInt("numTokens"), p.bool("prefill")));
                yield new SchedulerStep(time, step, List.copyOf(batch), p.svarInt("numRunning"), p.svarInt("numWaiting"),
                        p.svarInt("kvBlocksUsed"), p.svarInt("kvBlocksFree"), p.svarInt("preemptions"));
            }
            case REQUEST -> new Request(time, sym("requestId"), enumValue(PHASES, "phase"), p.svarInt("tokens"));
            case KV_BLOCKS -> new KvBlocks(time, sym("requestId"), intArray("blockIds"), p.svarInt("sharedBlocks"));
            case METRICS_SNAPSHOT -> {
                int n = p.count("metric count", 9);
                Map<String, Double> values = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) values.put(sym("metric name"), p.f64("metric value"));
                yield new MetricsSnapshot(time, values);
            }
            case RUN_END -> new RunEnd(time, sym("status"), p.str("message"));
        };
    }
}
