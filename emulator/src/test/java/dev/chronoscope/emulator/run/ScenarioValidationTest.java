package dev.chronoscope.emulator.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input fails with a message naming it, before any JVM starts and before anything is written. */
class ScenarioValidationTest {
    /** A java that does not exist: a run that got as far as starting would fail differently. */
    private static final EngineInstallation NOWHERE = new EngineInstallation(Path.of("/nonexistent/java"), "none",
            Path.of("/nonexistent/agent.jar"), EngineInstallation.ENGINE_MAIN, List.of());

    static Scenario scenario(String model, String gpu, int tp, int pp, String dataset, Path datasetPath, String processes) {
        return new Scenario(model, gpu, tp, pp, "modeled", processes, 0, null,
                new Scenario.EngineKnobs(256, null, 16, 0.9, true, true, null, "fcfs"),
                new Scenario.Workload(dataset, datasetPath, 1024, 128, 0, null, 8, 1, null, 100, null,
                        "ttft,tpot,itl,e2el", "99"));
    }

    static Scenario scenario(String model, String gpu, int tp, int pp) {
        return scenario(model, gpu, tp, pp, "random", null, "single");
    }

    private static void assertRefusedBeforeStarting(Scenario s, Path out, String message) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        assertThatThrownBy(() -> new EmulatedRun(s, NOWHERE, out, 1000)
                .run(new PrintStream(console), new PrintStream(console), p -> { throw new AssertionError("started"); }))
                .isInstanceOf(ScenarioException.class).hasMessageContaining(message);
        assertThat(console.toString()).isEmpty();
    }

    @Test
    void unknownGpuNamesTheCatalogue(@TempDir Path dir) {
        assertRefusedBeforeStarting(scenario("llama-3-8b", "h100", 1, 1), dir.resolve("run"),
                "--gpu: unknown device type 'h100'; valid device types: a100-80gb, a40, b200, cpu-local, h100-sxm, h200, l40s");
        assertThat(dir.resolve("run")).doesNotExist();
    }

    @Test
    void unknownModelNamesThePresets(@TempDir Path dir) {
        assertRefusedBeforeStarting(scenario("llama-9-1t", "h100-sxm", 1, 1), dir.resolve("run"),
                "--model: unknown model 'llama-9-1t': not a preset [codellama-34b, llama-2-70b, llama-2-7b, llama-3-70b,");
    }

    @Test
    void tensorParallelismMustDivideTheHeads(@TempDir Path dir) {
        assertRefusedBeforeStarting(scenario("llama-3-8b", "h100-sxm", 3, 1), dir.resolve("run"),
                "--tensor-parallel-size 3 does not divide llama-3-8b's 32 attention heads");
        assertRefusedBeforeStarting(scenario("llama-3-70b", "h100-sxm", 16, 1), dir.resolve("run"),
                "--tensor-parallel-size 16 does not divide llama-3-70b's 8 key/value heads");
        assertRefusedBeforeStarting(scenario("tiny", "h100-sxm", 1, 5), dir.resolve("run"),
                "--pipeline-parallel-size 5 exceeds tiny's 4 layers");
    }

    @Test
    void perRankProcessesNeedModeledTime(@TempDir Path dir) {
        Scenario perRank = scenario("tiny", "h100-sxm", 2, 1, "random", null, "per-rank");
        Scenario measured = new Scenario(perRank.model(), perRank.gpu(), 2, 1, "measured", "per-rank", 0, null,
                perRank.engine(), perRank.workload());
        assertRefusedBeforeStarting(measured, dir.resolve("run"), "--processes per-rank needs --time-mode modeled");
        assertThat(dir.resolve("run")).doesNotExist();
    }

    @Test
    void aConfigJsonIsReadForItsHeadsAndItsErrorsNameTheField(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("my-model").resolve("config.json");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "{\"num_attention_heads\": 12, \"num_hidden_layers\": 2}");
        assertRefusedBeforeStarting(scenario(config.getParent().toString(), "h100-sxm", 8, 1), dir.resolve("run"),
                "--tensor-parallel-size 8 does not divide my-model's 12 attention heads");
        Files.writeString(config, "{\"num_attention_heads\": \"twelve\", \"num_hidden_layers\": 2}");
        assertRefusedBeforeStarting(scenario(config.toString(), "h100-sxm", 1, 1), dir.resolve("run"),
                config + ": field 'num_attention_heads' must be a positive whole number, got \"twelve\"");
    }

    @Test
    void aMalformedTraceNamesFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("trace.csv");
        Files.writeString(trace, "arrived_at,num_prefill_tokens,num_decode_tokens\n0.0,100,10\n0.5,abc,10\n");
        assertRefusedBeforeStarting(scenario("tiny", "h100-sxm", 1, 1, "trace", trace, "single"), dir.resolve("run"),
                trace + ": line 3: column 'num_prefill_tokens': expected a number but found 'abc'");
        Files.writeString(trace, "arrived_at,num_prefill_tokens\n0.0,100\n");
        assertRefusedBeforeStarting(scenario("tiny", "h100-sxm", 1, 1, "trace", trace, "single"), dir.resolve("run"),
                trace + ": line 1: no 'num_decode_tokens' column");
        assertRefusedBeforeStarting(scenario("tiny", "h100-sxm", 1, 1, "trace", null, "single"), dir.resolve("run"),
                "--dataset trace needs --dataset-path");
    }

    @Test
    void aRunFolderIsNeverWrittenOver(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("result.json"), "{}");
        assertRefusedBeforeStarting(scenario("tiny", "h100-sxm", 1, 1), dir,
                "--out " + dir + " is not empty; give a new or empty directory for the run folder");
        assertThat(Files.readString(dir.resolve("result.json"))).isEqualTo("{}");
    }

    @Test
    void aConfigPathReachesTheEngineAbsoluteBecauseTheEngineRunsInTheRunFolder(@TempDir Path dir) throws Exception {
        Path relative = Path.of("target", "scenario-test-model-" + System.nanoTime());
        Files.createDirectories(relative);
        try {
            Files.writeString(relative.resolve("config.json"), "{\"num_attention_heads\": 8, \"num_hidden_layers\": 2}");
            List<String> args = scenario(relative.toString(), "h100-sxm", 1, 1).benchArguments(dir.resolve("r.json"));
            assertThat(args.get(args.indexOf("--model") + 1)).isEqualTo(relative.toAbsolutePath().toString());
            assertThat(scenario("llama-3-8b", "h100-sxm", 1, 1).benchArguments(dir.resolve("r.json"))).contains("llama-3-8b");
        } finally {
            Files.deleteIfExists(relative.resolve("config.json"));
            Files.deleteIfExists(relative);
        }
    }

    @Test
    void theEngineCommandLineCarriesTheScenario() {
        Scenario s = scenario("llama-3-70b", "H100-SXM", 4, 2);
        assertThat(s.agentOptions(Path.of("/runs/a"))).isEqualTo("gpu=h100-sxm,gpus=8,time=modeled,run=/runs/a");
        assertThat(String.join(" ", s.benchArguments(Path.of("/runs/a/bench-result.json"))))
                .startsWith("bench --in-process --model llama-3-70b --tensor-parallel-size 4 --pipeline-parallel-size 2")
                .contains("--request-rate 8.0", "--num-prompts 100", "--seed 0", "--ignore-eos",
                        "--save-result --result-filename /runs/a/bench-result.json");
    }
}
