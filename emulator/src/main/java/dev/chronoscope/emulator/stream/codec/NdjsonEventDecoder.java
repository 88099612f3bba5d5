package dev.chronoscope.emulator.stream.codec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import dev.chronoscope.emulator.stream.event.StreamEvent.*;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decodes the NDJSON encoding: header line, event lines, trailer line. */
final class NdjsonEventDecoder implements EventDecoder {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private final BufferedReader in;
    private final String source;
    private long line;
    private long events;
    private boolean ended;

    NdjsonEventDecoder(BufferedReader in, String source) throws IOException {
        this.in = in;
        this.source = source;
        JsonLine header = next();
        if (header == null) throw StreamFormatException.atLine(source, 1, "empty input: expected the header line", null);
        String format = header.stringField("format");
        if (!NdjsonFormat.FORMAT_NAME.equals(format)) {
            throw header.error("header \"format\" is \"" + format + "\", expected \"" + NdjsonFormat.FORMAT_NAME + "\"");
        }
        long version = header.longField("version");
        if (version != NdjsonFormat.VERSION) {
            throw header.error("unsupported format version " + version + ", expected " + NdjsonFormat.VERSION);
        }
    }

    /** The next line as a JSON object, or null at end of input. */
    private JsonLine next() throws IOException {
        String text;
        try {
            text = in.readLine();
        } catch (CharacterCodingException e) {
            throw StreamFormatException.atLine(source, line + 1, "not valid UTF-8", e);
        }
        if (text == null) return null;
        line++;
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw StreamFormatException.atLine(source, line, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) throw StreamFormatException.atLine(source, line, "expected a JSON object", null);
        return new JsonLine(node, source, line);
    }

    @Override
    public StreamEvent read() throws IOException {
        if (ended) return null;
        JsonLine l = next();
        if (l == null) {
            throw StreamFormatException.atLine(source, line + 1, "input ends without the trailer line (truncated: expected {\"type\":\"end\",...})", null);
        }
        String typeName = l.stringField("type");
        if (NdjsonFormat.END_TYPE.equals(typeName)) {
            long declared = l.longField("events");
            if (declared != events) throw l.error("trailer counts " + declared + " events but " + events + " were read");
            if (in.read() >= 0) throw StreamFormatException.atLine(source, line + 1, "unexpected text after the trailer line", null);
            ended = true;
            return null;
        }
        EventType type = EventType.ofJsonName(typeName);
        if (type == null) throw l.error("unknown event type \"" + typeName + "\"");
        StreamEvent e = decode(type, l);
        events++;
        return e;
    }

    private StreamEvent decode(EventType type, JsonLine l) {
        long time = l.longField("time");
        return switch (type) {
            case RUN_START -> {
                JsonNode v = l.objectField("versions", true);
                Map<String, String> versions = null;
                if (v != null) {
                    versions = new LinkedHashMap<>();
                    for (Map.Entry<String, JsonNode> e : l.entries(v)) {
                        if (!e.getValue().isTextual() && !e.getValue().isNull()) throw l.error("versions." + e.getKey() + " must be a string");
                        versions.put(e.getKey(), e.getValue().textValue());
                    }
                }
                yield new RunStart(time, l.stringField("runId"), l.stringField("scenarioJson"), l.stringField("timeMode"),
                        versions, l.longField("wallClockEpochMillis"));
            }
            case PROCESS_REGISTERED -> new ProcessRegistered(time, l.intField("processId"), l.stringField("name"));
            case RANK_REGISTERED -> new RankRegistered(time, l.intField("rank"), l.intField("processId"), l.stringField("deviceType"),
                    l.intField("deviceIndex"), l.longField("memoryCapacityBytes"));
            case STREAM_REGISTERED -> new StreamRegistered(time, l.intField("rank"), l.intField("stream"), l.stringField("name"));
            case KERNEL -> new Kernel(time, l.longField("endTime"), l.intField("rank"), l.intField("stream"), l.stringField("name"),
                    features(l), l.stringField("modelVersion"), l.boolField("outOfRange"), l.intField("graphId"));
            case MEMCPY -> new Memcpy(time, l.longField("endTime"), l.intField("rank"), l.intField("stream"),
                    l.enumField("kind", CopyKind.class), l.longField("bytes"));
            case MEMORY -> new Memory(time, l.intField("rank"), l.longField("deltaBytes"), l.longField("bytesInUse"), l.stringField("tag"));
            case TIME_JUMP -> new TimeJump(time, l.longField("to"), l.intField("rank"), l.stringField("thread"), l.stringField("cause"));
            case COLLECTIVE -> new Collective(time, l.longField("endTime"), l.stringField("op"), l.longField("bytes"),
                    l.intArray("ranks"), l.longArray("arrivals"));
            case SCHEDULER_STEP -> {
                JsonNode array = l.arrayField("batch", false);
                List<BatchEntry> batch = new ArrayList<>(array.size());
                for (JsonNode entry : array) {
                    if (!entry.isObject()) throw l.error("batch entries must be objects but one is " + entry);
                    JsonLine b = new JsonLine(entry, source, line);
                    batch.add(new BatchEntry(b.stringField("requestId"), b.intField("numTokens"), b.boolField("prefill")));
                }
                yield new SchedulerStep(time, l.longField("stepIndex"), List.copyOf(batch), l.intField("numRunning"),
                        l.intField("numWaiting"), l.intField("kvBlocksUsed"), l.intField("kvBlocksFree"), l.intField("preemptions"));
            }
            case REQUEST -> new Request(time, l.stringField("requestId"), l.enumField("phase", RequestPhase.class), l.intField("tokens"));
            case KV_BLOCKS -> new KvBlocks(time, l.stringField("requestId"), l.intArray("blockIds"), l.intField("sharedBlocks"));
            case METRICS_SNAPSHOT -> {
                Map<String, Double> values = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> e : l.entries(l.objectField("values", false))) {
                    values.put(e.getKey(), l.doubleValue(e.getValue(), "values." + e.getKey()));
                }
                yield new MetricsSnapshot(time, values);
            }
            case RUN_END -> new RunEnd(time, l.stringField("status"), l.stringField("message"));
        };
    }

    private Features features(JsonLine l) {
        JsonNode f = l.objectField("features", true);
        if (f == null) return null;
        String[] names = new String[f.size()];
        double[] values = new double[names.length];
        int i = 0;
        for (Map.Entry<String, JsonNode> e : l.entries(f)) {
            names[i] = e.getKey();
            values[i++] = l.doubleValue(e.getValue(), "features." + e.getKey());
        }
        return Features.of(names, values);
    }
}
