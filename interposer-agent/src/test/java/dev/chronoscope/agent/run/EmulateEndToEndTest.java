package dev.chronoscope.agent.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscope.emulator.run.EmulatedRun;
import dev.chronoscope.emulator.run.EngineInstallation;
import dev.chronoscope.emulator.run.RunFailedException;
import dev.chronoscope.emulator.run.Scenario;
import dev.chronoscope.emulator.stream.RunFolder;
import dev.chronoscope.emulator.stream.codec.StreamReader;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code emulate} as a user runs it: the engine in a child JVM with the agent attached. */
class EmulateEndToEndTest {
    /** What the host machine measured: real time, CPU time and memory of the engine JVM. */
    private static final List<String> WALL_CLOCK_FIELDS = List.of("date", "wall_duration_s", "emulation_wall_duration_s",
            "speedup", "engine_cpu_s", "engine_peak_rss_bytes");

    static Scenario scenario(String model, int tp, int numPrompts, int inputLen, int outputLen, double rate) {
        return new Scenario(model, "h100-sxm", tp, 1, "modeled", "single", 7, null,
                new Scenario.EngineKnobs(16, null, 16, 0.9, true, true, null, "fcfs"),
                new Scenario.Workload("random", null, inputLen, outputLen, 0.5, null, rate, 1, null, numPrompts, null,
                        "ttft,tpot,itl,e2el", "99"));
    }

    private static Map<String, byte[]> files(Path dir) throws Exception {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) m.put(dir.relativize(p).toString(), Files.readAllBytes(p));
        }
        return m;
    }

    @Test
    void theSameScenarioEmulatedThreeTimesGivesByteIdenticalStreamsAndResults(@TempDir Path dir) throws Exception {
        EngineInstallation installation = TestInstallation.create(dir);
        List<Map<String, byte[]>> streams = new ArrayList<>();
        List<ObjectNode> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path out = dir.resolve("run-" + i);
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            EmulatedRun.Report report = new EmulatedRun(scenario("tiny", 2, 12, 48, 6, 20), installation, out, 100_000)
                    .run(new PrintStream(console, true, StandardCharsets.UTF_8), System.err, p -> { });
            assertThat(console.toString(StandardCharsets.UTF_8)).contains("============ Serving Benchmark Result ============",
                    "Successful requests:                     12");
            assertThat(report.kernelEvents()).isPositive();
            Map<String, byte[]> recorded = files(out);
            recorded.keySet().removeIf(name -> !name.startsWith("stream.") && !name.startsWith("kernels"));
            streams.add(recorded);
            ObjectNode result = (ObjectNode) new ObjectMapper().readTree(out.resolve(EmulatedRun.RESULT_FILE).toFile());
            assertThat(result.get("completed").asInt()).isEqualTo(12);
            assertThat(result.get("virtual_duration_s").asDouble()).isPositive();
            assertThat(result.get("time_mode").asText()).isEqualTo("modeled");
            assertThat(result.get("model_versions").toString()).contains("h100-sxm/mlp_up_proj@");
            assertThat(Files.size(out.resolve("trace.json"))).isPositive();
            assertEngineEventsRecorded(out);
            WALL_CLOCK_FIELDS.forEach(result::remove);
            results.add(result);
        }
        assertThat(streams.get(0).keySet()).contains("stream.bin", "kernels/dictionary.json", "kernels/rank-1-stream-1.col");
        for (int i = 1; i < 3; i++) {
            assertThat(streams.get(i).keySet()).isEqualTo(streams.get(0).keySet());
            for (String name : streams.get(0).keySet()) {
                assertThat(streams.get(i).get(name)).as(name).isEqualTo(streams.get(0).get(name));
            }
            assertThat(results.get(i)).isEqualTo(results.get(0));
        }
    }

    /** The engine's own step listener reached the stream: every request's life, every step. */
    private static void assertEngineEventsRecorded(Path out) {
        List<StreamEvent> events = new ArrayList<>();
        try (StreamReader reader = RunFolder.at(out).openEvents()) {
            reader.forEachRemaining(events::add);
        }
        for (StreamEvent.RequestPhase phase : List.of(StreamEvent.RequestPhase.ARRIVED, StreamEvent.RequestPhase.SCHEDULED,
                StreamEvent.RequestPhase.FIRST_TOKEN, StreamEvent.RequestPhase.FINISHED)) {
            assertThat(events.stream().filter(e -> e instanceof StreamEvent.Request r && r.phase() == phase)).as(phase.name()).hasSize(12);
        }
        List<StreamEvent.SchedulerStep> steps = events.stream().filter(e -> e instanceof StreamEvent.SchedulerStep)
                .map(StreamEvent.SchedulerStep.class::cast).toList();
        assertThat(steps).isNotEmpty();
        assertThat(steps.stream().mapToInt(StreamEvent.SchedulerStep::prefillTokens).sum()).isPositive();
        assertThat(steps.stream().mapToInt(StreamEvent.SchedulerStep::decodeTokens).sum()).isPositive();
        assertThat(events.getLast()).isInstanceOfSatisfying(StreamEvent.RunEnd.class, e -> assertThat(e.status()).isEqualTo("ok"));
    }

    @Test
    void llama3_70bOnOneH100FailsWithTheEnginesOwnOutOfMemoryMessage(@TempDir Path dir) {
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        Path out = dir.resolve("run");
        assertThatThrownBy(() -> new EmulatedRun(scenario("llama-3-70b", 1, 1, 16, 4, 1), TestInstallation.create(dir), out, 0)
                .run(System.out, new PrintStream(errors, true, StandardCharsets.UTF_8), p -> { }))
                .isInstanceOf(RunFailedException.class)
                .hasMessageContaining("exited with status 2 before the benchmark completed")
                .satisfies(e -> assertThat(((RunFailedException) e).exitStatus()).isEqualTo(2));
        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("chronoscope bench: CUDA out of memory. Tried to allocate",
                "GPU 0 has a total capacity of 80.00 GiB");
        assertThat(out.resolve(EmulatedRun.RESULT_FILE)).doesNotExist();
    }

    @Test
    void anEngineJvmThatDiesMidRunFailsTheRunNamingItAndKeepsWhatWasRecorded(@TempDir Path dir) throws Exception {
        ConsoleWatch watch = new ConsoleWatch("Benchmarking");
        Path out = dir.resolve("run");
        long[] pid = new long[1];
        assertThatThrownBy(() -> new EmulatedRun(scenario("llama-3-8b", 1, 100_000, 512, 512, 50), TestInstallation.create(dir), out, 0)
                .run(new PrintStream(watch, true), System.err, process -> {
                    pid[0] = process.pid();
                    Thread.ofPlatform().daemon().start(() -> {
                        try {
                            if (watch.await(2)) process.destroyForcibly();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                }))
                .isInstanceOf(RunFailedException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("the engine JVM (pid " + pid[0] + ") died with exit status 137 (signal 9)",
                        "the run folder " + out + " keeps what it recorded"));
        assertThat(out.resolve("scenario.json")).exists();
        try (Stream<Path> kept = Files.list(out)) {
            assertThat(kept.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("stream.bin"));
        }
    }
}
