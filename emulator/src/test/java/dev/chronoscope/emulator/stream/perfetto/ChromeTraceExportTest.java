package dev.chronoscope.emulator.stream.perfetto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chronoscope.emulator.stream.RunFolder;
import dev.chronoscope.emulator.stream.SampleEvents;
import dev.chronoscope.emulator.stream.codec.Encoding;
import dev.chronoscope.emulator.stream.sink.RunFolderSink;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

class ChromeTraceExportTest {

    @TempDir
    Path dir;
    private String json;
    private List<JsonNode> events;

    @BeforeEach
    void exportSampleRun() throws IOException {
        try (RunFolderSink sink = RunFolderSink.create(dir, Encoding.BINARY)) {
            SampleEvents.everyType().forEach(sink::accept);
        }
        Path trace = ChromeTraceExporter.exportRunFolder(RunFolder.at(dir));
        assertThat(trace).isEqualTo(dir.resolve("trace.json"));
        json = Files.readString(trace);
        JsonNode root = new ObjectMapper().readTree(json);
        assertThat(root.get("displayTimeUnit").asText()).isEqualTo("ns");
        assertThat(root.get("otherData").get("runId").asText()).isEqualTo("run-42");
        events = new ArrayList<>();
        root.get("traceEvents").forEach(events::add);
    }

    private List<JsonNode> where(Predicate<JsonNode> p) {
        return events.stream().filter(p).toList();
    }

    @Test
    void everyEventHasThePhaseFieldsPerfettoNeeds() {
        assertThat(events).isNotEmpty();
        for (JsonNode e : events) {
            String ph = e.get("ph").asText();
            assertThat(e.has("pid") && e.get("pid").isInt()).as("pid of %s", e).isTrue();
            assertThat(e.has("name")).as("name of %s", e).isTrue();
            switch (ph) {
                case "M" -> assertThat(e.get("args").size()).isEqualTo(1);
                case "X" -> {
                    assertThat(e.get("tid").isInt()).as("tid of %s", e).isTrue();
                    assertThat(e.get("ts").isNumber()).isTrue();
                    assertThat(e.get("dur").isNumber()).isTrue();
                    assertThat(e.get("dur").asDouble()).isGreaterThanOrEqualTo(0);
                }
                case "C" -> assertThat(e.get("args").properties()).allSatisfy(a -> assertThat(a.getValue().isNumber()).isTrue());
                case "b", "e", "n" -> assertThat(e.get("id").asText()).isEqualTo("req-1");
                case "i" -> assertThat(e.get("ts").isNumber()).isTrue();
                default -> throw new AssertionError("unexpected phase " + ph + " in " + e);
            }
        }
    }

    @Test
    void kernelsAreSlicesOnTheirRankAndStreamWithExactMicroseconds() {
        JsonNode mlp = where(e -> e.get("name").asText().equals("mlp_up_proj")).getFirst();
        assertThat(mlp.get("ph").asText()).isEqualTo("X");
        assertThat(mlp.get("pid").asInt()).isZero();
        assertThat(mlp.get("tid").asInt()).isZero();
        assertThat(mlp.get("ts").decimalValue()).isEqualByComparingTo("3.1");
        assertThat(mlp.get("dur").decimalValue()).isEqualByComparingTo("12.6");
        assertThat(mlp.get("args").get("num_tokens").asLong()).isEqualTo(512);
        assertThat(mlp.get("args").get("model_version").asText()).isEqualTo("h100-v3");
        assertThat(json).as("nanoseconds written exactly as three decimals").contains("\"ts\":3.100,\"dur\":12.600");

        JsonNode sampler = where(e -> e.get("name").asText().equals("sampler")).getFirst();
        assertThat(sampler.get("pid").asInt()).isEqualTo(1);
        assertThat(sampler.get("dur").decimalValue()).isEqualByComparingTo("0.001");
    }

    @Test
    void ranksAndStreamsAreNamedByMetadata() {
        assertThat(where(e -> e.get("ph").asText().equals("M") && e.get("name").asText().equals("process_name")))
                .extracting(e -> e.get("pid").asInt() + "=" + e.get("args").get("name").asText())
                .contains("0=rank 0 · H100-SXM #0 · engine-0 ✓", "1=rank 1 · H100-SXM #1 · engine-0 ✓", "1000000=engine");
        assertThat(where(e -> e.get("ph").asText().equals("M") && e.get("name").asText().equals("thread_name") && e.get("pid").asInt() == 0))
                .extracting(e -> e.get("tid").asInt() + "=" + e.get("args").get("name").asText())
                .contains("0=compute", "1000=host:engine-core", "99999=collectives");
        JsonNode jump = where(e -> e.get("name").asText().equals("wait: stream sync")).getFirst();
        assertThat(jump.get("tid").asInt()).as("time jump on the registered host lane").isEqualTo(1000);
    }

    @Test
    void memoryAndKvUsageAreCounters() {
        assertThat(where(e -> e.get("ph").asText().equals("C") && e.get("name").asText().equals("memory in use")))
                .extracting(e -> e.get("args").get("bytes").asLong())
                .containsExactly(2L << 30, (2L << 30) - (1L << 20));
        JsonNode kv = where(e -> e.get("ph").asText().equals("C") && e.get("name").asText().equals("kv blocks")).getFirst();
        assertThat(kv.get("args").get("used").asInt()).isEqualTo(40);
        assertThat(kv.get("args").get("free").asInt()).isEqualTo(960);
        assertThat(where(e -> e.get("ph").asText().equals("C") && e.get("name").asText().equals("kv_usage"))).hasSize(1);
    }

    @Test
    void requestsAreBalancedAsyncTracks() {
        List<String> phases = where(e -> "request".equals(e.path("cat").asText()))
                .stream().map(e -> e.get("ph").asText() + ":" + e.get("name").asText()).toList();
        assertThat(phases).containsExactly("b:request", "b:queued", "e:queued", "n:first token", "n:token",
                "n:preempted", "b:queued", "e:queued", "e:request");
    }
}
