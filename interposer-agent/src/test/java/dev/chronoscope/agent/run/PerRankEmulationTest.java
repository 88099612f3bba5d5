package dev.chronoscope.agent.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscope.emulator.coord.CoordinatorOptions;
import dev.chronoscope.emulator.coord.JoinEnvironment;
import dev.chronoscope.emulator.coord.server.Coordinator;
import dev.chronoscope.emulator.models.defaults.DefaultModels;
import dev.chronoscope.emulator.models.store.ModelStore;
import dev.chronoscope.emulator.run.EmulatedRun;
import dev.chronoscope.emulator.run.EngineInstallation;
import dev.chronoscope.emulator.run.RunFailedException;
import dev.chronoscope.emulator.run.Scenario;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code emulate --processes per-rank}: the engine's {@code mp} backend, every rank its own JVM with
 * the agent, joined by the coordinator (DESIGN §10).
 */
class PerRankEmulationTest {
    /** Measured on the host, not emulated: they differ between any two runs. */
    private static final List<String> HOST_FIELDS = List.of("date", "wall_duration_s", "emulation_wall_duration_s",
            "speedup", "engine_cpu_s", "engine_peak_rss_bytes");
    /** Only a per-rank run has them: which processes ran, and each worker's own figures. */
    private static final List<String> PROCESS_FIELDS = List.of("processes", "rank_processes");

    static Scenario scenario(int tp, String processes, int numPrompts) {
        return scenario(tp, 1, processes, numPrompts);
    }

    static Scenario scenario(int tp, int pp, String processes, int numPrompts) {
        return scenario(tp, pp, processes, numPrompts, null);
    }

    static Scenario scenario(int tp, int pp, String processes, int numPrompts, Path models) {
        return new Scenario("tiny", "h100-sxm", tp, pp, "modeled", processes, 7, models,
                new Scenario.EngineKnobs(16, null, 16, 0.9, true, true, null, "fcfs"),
                new Scenario.Workload("random", null, 48, 6, 0.5, null, 20, 1, null, numPrompts, null,
                        "ttft,tpot,itl,e2el", "99"));
    }

    private static ObjectNode run(Scenario scenario, EngineInstallation installation, Path out) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        EmulatedRun.Report report = new EmulatedRun(scenario, installation, out, 100_000)
                .run(new PrintStream(console, true, StandardCharsets.UTF_8), System.err, p -> { });
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("============ Serving Benchmark Result ============");
        return (ObjectNode) new ObjectMapper().readTree(report.resultFile().toFile());
    }

    @Test
    void fourTensorParallelRanksInTheirOwnJvmsGiveTheSameMetricsAsOneJvm(@TempDir Path dir) throws Exception {
        EngineInstallation installation = TestInstallation.create(dir);
        ObjectNode single = run(scenario(4, "single", 12), installation, dir.resolve("single"));
        ObjectNode perRank = run(scenario(4, "per-rank", 12), installation, dir.resolve("per-rank"));

        assertThat(perRank.get("processes").asText()).isEqualTo("per-rank");
        assertThat(perRank.get("rank_processes")).hasSize(4);
        for (int rank = 0; rank < 4; rank++) {
            assertThat(dir.resolve("per-rank/ranks/rank" + rank + "/agent-summary.json")).isRegularFile();
            assertThat(dir.resolve("per-rank/ranks/rank" + rank + "/stream.bin")).isRegularFile();
            assertThat(perRank.get("rank_processes").get(rank).get("kernel_events").asLong()).isPositive();
        }
        assertThat(perRank.get("completed").asInt()).isEqualTo(12);
        assertThat(perRank.get("kernel_events").asLong()).isEqualTo(single.get("kernel_events").asLong());
        assertSameExceptHostFigures(perRank, single);
    }

    /** Pipeline stages in their own JVMs: every activation send/recv meets at the coordinator. */
    @Test
    void twoByTwoTensorAndPipelineRanksInTheirOwnJvmsGiveTheSameMetricsAsOneJvm(@TempDir Path dir) throws Exception {
        EngineInstallation installation = TestInstallation.create(dir);
        ObjectNode single = run(scenario(2, 2, "single", 10), installation, dir.resolve("single"));
        ObjectNode perRank = run(scenario(2, 2, "per-rank", 10), installation, dir.resolve("per-rank"));

        assertThat(perRank.get("rank_processes")).extracting(r -> r.get("process").asText())
                .containsExactly("rank0", "rank1", "rank2", "rank3");
        assertThat(perRank.get("completed").asInt()).isEqualTo(10);
        assertThat(perRank.get("kernel_events").asLong()).isEqualTo(single.get("kernel_events").asLong());
        assertSameExceptHostFigures(perRank, single);
    }

    /**
     * With the shipped models, an H100's collectives are timed by Vidur's profiled tables, not the
     * alpha-beta formula: in the one JVM, in every rank JVM and at the coordinator alike.
     */
    @Test
    void fittedCollectiveModelsTimeCollectivesAlikeInOneJvmAndPerRank(@TempDir Path dir) throws Exception {
        Path models = dir.resolve("models.db");
        try (ModelStore store = ModelStore.open(models)) {
            DefaultModels.load().seedIfEmpty(store);
        }
        EngineInstallation installation = TestInstallation.create(dir);
        ObjectNode formula = run(scenario(2, 1, "single", 8), installation, dir.resolve("formula"));
        ObjectNode single = run(scenario(2, 1, "single", 8, models), installation, dir.resolve("single"));
        ObjectNode perRank = run(scenario(2, 1, "per-rank", 8, models), installation, dir.resolve("per-rank"));

        assertThat(single.get("mean_tpot_ms").asDouble()).as("profiled tables, not the formula")
                .isNotEqualTo(formula.get("mean_tpot_ms").asDouble());
        assertThat(perRank.get("kernel_events").asLong()).isEqualTo(single.get("kernel_events").asLong());
        assertSameExceptHostFigures(perRank, single);
    }

    /** Modeled time: two per-rank runs of one scenario write byte-identical streams on every rank. */
    @Test
    void twoPerRankPipelineRunsAreIdentical(@TempDir Path dir) throws Exception {
        EngineInstallation installation = TestInstallation.create(dir);
        ObjectNode first = run(scenario(1, 2, "per-rank", 6), installation, dir.resolve("first"));
        ObjectNode second = run(scenario(1, 2, "per-rank", 6), installation, dir.resolve("second"));

        assertSameExceptHostFigures(first, second);
        for (String stream : List.of("stream.bin", "ranks/rank0/stream.bin", "ranks/rank1/stream.bin")) {
            assertThat(Files.mismatch(dir.resolve("first").resolve(stream), dir.resolve("second").resolve(stream)))
                    .as(stream).isEqualTo(-1);
        }
    }

    private static void assertSameExceptHostFigures(ObjectNode actual, ObjectNode expected) {
        ObjectNode a = actual.deepCopy(), e = expected.deepCopy();
        for (ObjectNode r : List.of(a, e)) {
            HOST_FIELDS.forEach(r::remove);
            PROCESS_FIELDS.forEach(r::remove);
        }
        assertThat(a).isEqualTo(e);
    }

    @Test
    void aRankJvmKilledMidRunFailsTheRunWithinTenSecondsNamingItAndKeepsWhatWasRecorded(@TempDir Path dir) throws Exception {
        ConsoleWatch watch = new ConsoleWatch("Benchmarking");
        Path out = dir.resolve("run");
        AtomicLong killedPid = new AtomicLong(-1), killedAtNanos = new AtomicLong();
        long[] failedAtNanos = new long[1];
        assertThatThrownBy(() -> {
            try {
                new EmulatedRun(scenario(2, "per-rank", 100_000), TestInstallation.create(dir), out, 0)
                        .run(new PrintStream(watch, true), System.err, engine -> Thread.ofPlatform().daemon().start(() -> {
                            try {
                                if (!watch.await(2)) return;
                                ProcessHandle rank1 = engine.descendants().filter(PerRankEmulationTest::isRankOneWorker)
                                        .findFirst().orElseThrow();
                                killedPid.set(rank1.pid());
                                killedAtNanos.set(System.nanoTime());
                                rank1.destroyForcibly();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }));
            } finally {
                failedAtNanos[0] = System.nanoTime();
            }
        })
                .isInstanceOf(RunFailedException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("the coordinated run failed",
                        "'rank1' (id 2, pid " + killedPid.get() + ")", "the run folder " + out + " keeps what it recorded"));
        assertThat(killedPid.get()).isPositive();
        assertThat(TimeUnit.NANOSECONDS.toMillis(failedAtNanos[0] - killedAtNanos.get())).isLessThan(10_000);
        assertThat(out.resolve("scenario.json")).exists();
        try (Stream<Path> kept = Files.list(out)) {
            assertThat(kept.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("stream.bin"));
        }
        assertThat(out.resolve("ranks/rank0")).isDirectory();
    }

    private static boolean isRankOneWorker(ProcessHandle process) {
        String[] args = process.info().arguments().orElse(new String[0]);
        return args.length >= 3 && args[args.length - 3].endsWith("WorkerMain") && args[args.length - 1].equals("1");
    }

    @Test
    void anEngineJvmWithTheWrongTokenIsRefusedAndStopsAtStart(@TempDir Path dir) throws Exception {
        EngineInstallation installation = TestInstallation.create(dir);
        try (Coordinator coordinator = Coordinator.start(CoordinatorOptions.defaults(1))) {
            List<String> command = new ArrayList<>(List.of(installation.javaExecutable().toString(),
                    "-javaagent:" + installation.agentJar() + "=gpu=h100-sxm,coordinator=env",
                    "-cp", installation.engineClasspath(), installation.mainClass(), "--help"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            Map<String, String> join = new JoinEnvironment("127.0.0.1", coordinator.port(), "0".repeat(32), 0, "engine").toMap();
            builder.environment().putAll(join);
            Process engine = builder.start();
            String output = new String(engine.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(engine.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(engine.exitValue()).as(output).isEqualTo(2);
            assertThat(output).contains("chronoscope interposer agent:", "refused 'engine'", "token");
            assertThat(coordinator.status().registered()).isZero();
        }
    }
}
