package dev.chronoscope.emulator.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chronoscope.emulator.stream.RunFolder;
import dev.chronoscope.emulator.stream.codec.Encoding;
import dev.chronoscope.emulator.stream.event.StreamEvent.Kernel;
import dev.chronoscope.emulator.stream.perfetto.ChromeTraceExporter;
import dev.chronoscope.emulator.stream.perfetto.ChromeTraceWriter;
import dev.chronoscope.emulator.stream.sink.FanOutSink;
import dev.chronoscope.emulator.stream.sink.FileSink;
import dev.chronoscope.emulator.stream.sink.InMemorySink;
import dev.chronoscope.emulator.stream.sink.RunFolderSink;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scripted TP-4 program's recording exported to Chrome trace JSON, parsed back: pid = rank,
 * tid = stream, an {@code X} slice with {@code dur} for every kernel, collective and time jump,
 * {@code M} names for processes and lanes, {@code C} memory counters, and async request tracks.
 */
class PerfettoExportOfTheRecordingTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @TempDir
    static Path dir;

    private static List<Kernel> kernels;
    private static List<JsonNode> traceEvents;
    private static JsonNode trace;
    private static List<JsonNode> runFolderTraceEvents;

    @BeforeAll
    static void recordAndExport() throws Exception {
        InMemorySink memory = new InMemorySink();
        Path stream = dir.resolve("stream.bin");
        ScriptedServingProgram.record(new FanOutSink(List.of(memory, FileSink.create(stream))));
        kernels = memory.events().stream().filter(Kernel.class::isInstance).map(Kernel.class::cast).toList();

        Path traceFile = dir.resolve("trace.json");
        ChromeTraceExporter.exportStreamFile(stream, traceFile);
        trace = JSON.readTree(traceFile.toFile());
        traceEvents = eventsOf(trace);

        Path runDir = dir.resolve("run");
        ScriptedServingProgram.record(RunFolderSink.create(runDir, Encoding.BINARY));
        runFolderTraceEvents = eventsOf(JSON.readTree(ChromeTraceExporter.exportRunFolder(RunFolder.at(runDir)).toFile()));
    }

    @Test
    void everyKernelIsAnXSliceOnItsRanksProcessAndItsStreamsThreadWithItsExactDuration() {
        List<String> expected = kernels.stream()
                .map(k -> k.rank() + "/" + k.stream() + " " + k.name() + " ts=" + k.time() + " dur=" + k.duration()).toList();

        assertThat(slices(traceEvents, "kernel")).containsExactlyInAnyOrderElementsOf(expected).hasSize(24);
        assertThat(slices(runFolderTraceEvents, "kernel")).as("exported from the columnar run folder")
                .containsExactlyInAnyOrderElementsOf(expected);
        JsonNode first = traceEvents.stream().filter(e -> "kernel".equals(e.path("cat").asText())).findFirst().orElseThrow();
        assertThat(first.path("args").path("num_tokens").asLong()).isEqualTo(1_000);
        assertThat(first.path("args").path("model_version").asText()).startsWith("it/h100-sxm/");
    }

    @Test
    void collectivesAndTimeJumpsAreXSlicesOnEveryRank() {
        assertThat(slices(traceEvents, "collective")).containsExactlyInAnyOrder(
                "0/99999 all_reduce ts=79000 dur=26420", "1/99999 all_reduce ts=79000 dur=26420",
                "2/99999 all_reduce ts=79000 dur=26420", "3/99999 all_reduce ts=79000 dur=26420",
                "0/99999 all_reduce ts=254420 dur=26420", "1/99999 all_reduce ts=254420 dur=26420",
                "2/99999 all_reduce ts=254420 dur=26420", "3/99999 all_reduce ts=254420 dur=26420");
        // Host lanes get tids in the order their first jump was written; each is named after the host thread.
        assertThat(slices(traceEvents, "time_jump")).map(PerfettoExportOfTheRecordingTest::withLaneName).containsExactlyInAnyOrder(
                "0/host:rank-0 wait: stream_sync ts=2000 dur=103420", "1/host:rank-1 wait: stream_sync ts=3000 dur=102420",
                "2/host:rank-2 wait: stream_sync ts=4000 dur=101420", "3/host:rank-3 wait: stream_sync ts=5000 dur=100420",
                "0/host:rank-0 wait: stream_sync ts=107420 dur=173420", "1/host:rank-1 wait: stream_sync ts=108420 dur=172420",
                "2/host:rank-2 wait: stream_sync ts=109420 dur=171420", "3/host:rank-3 wait: stream_sync ts=110420 dur=170420");
    }

    /** "pid/tid rest" with the tid replaced by its thread_name metadata. */
    private static String withLaneName(String slice) {
        String lane = slice.substring(0, slice.indexOf(' '));
        String[] pidTid = lane.split("/");
        String name = traceEvents.stream()
                .filter(e -> "thread_name".equals(e.path("name").asText()) && e.path("pid").asText().equals(pidTid[0])
                        && e.path("tid").asText().equals(pidTid[1]))
                .map(e -> e.path("args").path("name").asText()).findFirst().orElse("unnamed " + pidTid[1]);
        return pidTid[0] + "/" + name + slice.substring(lane.length());
    }

    @Test
    void processesAndLanesAreNamedWithMetadataEvents() {
        List<String> names = traceEvents.stream().filter(e -> "M".equals(e.path("ph").asText()) && e.path("args").has("name"))
                .map(e -> e.path("name").asText() + " " + e.path("pid").asInt() + (e.has("tid") ? "/" + e.path("tid").asInt() : "")
                        + " " + e.path("args").path("name").asText())
                .toList();

        for (int rank = 0; rank < ScriptedServingProgram.RANKS; rank++) {
            assertThat(names).contains(
                    "process_name " + rank + " rank " + rank + " · h100-sxm #" + rank + " · scripted-host",
                    "thread_name " + rank + "/0 default",
                    "thread_name " + rank + "/1 compute",
                    "thread_name " + rank + "/2 kv-save",
                    "thread_name " + rank + "/99999 collectives");
        }
        assertThat(names).contains("process_name " + ChromeTraceWriter.ENGINE_PID + " engine");
    }

    @Test
    void memoryInUseIsACounterPerRank() {
        List<String> counters = traceEvents.stream().filter(e -> "C".equals(e.path("ph").asText()))
                .map(e -> e.path("name").asText() + " " + e.path("pid").asInt() + " ts=" + nanos(e.path("ts"))
                        + " bytes=" + e.path("args").path("bytes").asLong())
                .toList();

        assertThat(counters).containsExactlyInAnyOrder(
                "memory in use 0 ts=0 bytes=" + (16L << 30), "memory in use 1 ts=0 bytes=" + (16L << 30),
                "memory in use 2 ts=0 bytes=" + (16L << 30), "memory in use 3 ts=0 bytes=" + (16L << 30));
    }

    @Test
    void requestsAreAsyncTracksOfTheEngineProcess() {
        List<String> async = traceEvents.stream().filter(e -> "request".equals(e.path("cat").asText()))
                .map(e -> e.path("ph").asText() + " " + e.path("name").asText() + " " + e.path("id").asText() + " ts=" + nanos(e.path("ts"))
                        + " pid=" + e.path("pid").asInt())
                .toList();

        int engine = ChromeTraceWriter.ENGINE_PID;
        assertThat(async).containsExactly(
                "b request req-0 ts=0 pid=" + engine, "b queued req-0 ts=0 pid=" + engine,
                "e queued req-0 ts=2000 pid=" + engine, "e request req-0 ts=105420 pid=" + engine,
                "b request req-1 ts=105420 pid=" + engine, "b queued req-1 ts=105420 pid=" + engine,
                "e queued req-1 ts=107420 pid=" + engine, "e request req-1 ts=280840 pid=" + engine);
        assertThat(trace.path("otherData").path("runId").asText()).isEqualTo("scripted-tp4");
        assertThat(trace.path("displayTimeUnit").asText()).isEqualTo("ns");
    }

    private static List<JsonNode> eventsOf(JsonNode root) {
        return StreamSupport.stream(root.path("traceEvents").spliterator(), false).toList();
    }

    /** X slices of a category as "pid/tid name ts=ns dur=ns", the microsecond fields turned back into exact nanoseconds. */
    private static List<String> slices(List<JsonNode> events, String category) {
        List<String> slices = new ArrayList<>();
        for (JsonNode e : events) {
            if (!"X".equals(e.path("ph").asText()) || !category.equals(e.path("cat").asText())) continue;
            assertThat(e.has("dur")).as("X slice %s has dur", e).isTrue();
            slices.add(e.path("pid").asInt() + "/" + e.path("tid").asInt() + " " + e.path("name").asText()
                    + " ts=" + nanos(e.path("ts")) + " dur=" + nanos(e.path("dur")));
        }
        return slices;
    }

    private static long nanos(JsonNode micros) {
        return micros.decimalValue().multiply(BigDecimal.valueOf(1_000)).longValueExact();
    }
}
