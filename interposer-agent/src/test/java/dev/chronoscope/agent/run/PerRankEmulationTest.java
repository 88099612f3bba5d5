package dev.chronoscope.agent.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscope.emulator.run.EmulatedRun;
import dev.chronoscope.emulator.run.EngineInstallation;
import dev.chronoscope.emulator.run.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code emulate --processes per-rank}: the engine's {@code mp} backend, every rank its own JVM with
 * the agent, joined by the coordinator, gives the same serving metrics as the same scenario with
 * every rank in one JVM.
 */
class PerRankEmulationTest {
    /** Measured on the host, not emulated: they differ between any two runs. */
    private static final List<String> HOST_FIELDS = List.of("date", "wall_duration_s", "emulation_wall_duration_s",
            "speedup", "engine_cpu_s", "engine_peak_rss_bytes");
    /** Only a per-rank run has them: which processes ran, and each worker's own figures. */
    private static final List<String> PROCESS_FIELDS = List.of("processes", "rank_processes");

    static Scenario scenario(int tp, String processes) {
        return new Scenario("tiny", "h100-sxm", tp, 1, "modeled", processes, 7, null,
                new Scenario.EngineKnobs(16, null, 16, 0.9, true, true, null, "fcfs"),
                new Scenario.Workload("random", null, 48, 6, 0.5, null, 20, 1, null, 12, null,
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
    void tensorParallelRanksInTheirOwnJvmsGiveTheSameMetricsAsOneJvm(@TempDir Path dir) throws Exception {
        EngineInstallation installation = TestInstallation.create(dir);
        ObjectNode single = run(scenario(2, "single"), installation, dir.resolve("single"));
        ObjectNode perRank = run(scenario(2, "per-rank"), installation, dir.resolve("per-rank"));

        assertThat(perRank.get("processes").asText()).isEqualTo("per-rank");
        assertThat(perRank.get("rank_processes")).hasSize(2);
        assertThat(Files.isRegularFile(dir.resolve("per-rank/ranks/rank1/agent-summary.json"))).isTrue();
        assertThat(perRank.get("completed").asInt()).isEqualTo(12);
        for (ObjectNode r : List.of(single, perRank)) {
            HOST_FIELDS.forEach(r::remove);
            PROCESS_FIELDS.forEach(r::remove);
        }
        assertThat(perRank).isEqualTo(single);
    }
}
