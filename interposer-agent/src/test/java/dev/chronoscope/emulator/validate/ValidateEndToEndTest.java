package dev.chronoscope.emulator.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chronoscope.emulator.calibrate.CalibrationGrid;
import dev.chronoscope.emulator.models.defaults.DefaultModels;
import dev.chronoscope.emulator.models.store.ModelStore;
import dev.chronoscope.emulator.run.EngineInstallation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code validate} on one minimal scenario with real child JVMs: the engine for real on its CPU
 * device twice, then emulated with the agent, then the report. Timing values depend on the machine,
 * so the test checks structure and invariants; the exact arithmetic is tested on fixed inputs.
 */
@Tag("slow")
class ValidateEndToEndTest {

    /** The engine, emulator and agent classes of this test's classpath; an agent jar with only the manifest. */
    private static EngineInstallation installation(Path dir) {
        Path agentJar = dir.resolve("agent-manifest-only.jar");
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Premain-Class", "dev.chronoscope.agent.InterposerAgent");
        a.putValue("Can-Retransform-Classes", "true");
        try (OutputStream out = Files.newOutputStream(agentJar); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EngineInstallation(Path.of(System.getProperty("java.home"), "bin", "java"),
                ManagementFactory.getRuntimeMXBean().getClassPath(), agentJar, EngineInstallation.ENGINE_MAIN, List.of("-Xshare:auto"));
    }

    @Test
    void realRunsAndTheEmulationOfOneScenarioGiveTheTableAndValidationJson(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("models.db");
        try (ModelStore models = ModelStore.open(store)) {
            DefaultModels.load().seedIfEmpty(models);
        }
        ValidationCase tiny = new ValidationCase("tp1-mini", 1, 4, 4, 1.0, 3, 16, 4, "modeled");
        ValidationPlan plan = new ValidationPlan("test", List.of(tiny), 2, CalibrationGrid.quick());
        StringWriter progress = new StringWriter();
        Path out = dir.resolve("validation");

        ValidationReport report = new Validator(new ChildJvmRuns(installation(dir), 0), new PrintWriter(progress, true)).run(plan, store, out);
        Path json = report.write(out);

        assertThat(progress.toString()).contains("tp1-mini: TP 1, 4.00 req/s, 3 measured prompts of 16→4 tokens after 4 warm-up ones",
                "[ 1/3] tp1-mini real 1/2", "[ 2/3] tp1-mini real 2/2", "[ 3/3] tp1-mini emulated");
        assertThat(Files.readAllLines(out.resolve("tp1-mini/trace.csv"))).hasSize(1 + 4 + 3);
        assertThat(out.resolve("tp1-mini/real-1/bench-result.json")).isRegularFile();
        assertThat(out.resolve("tp1-mini/real-2/bench-result.json")).isRegularFile();
        assertThat(out.resolve("tp1-mini/emulated/result.json")).isRegularFile();
        assertThat(report.comparisons()).hasSize(Metric.values().length);
        for (Comparison c : report.comparisons()) {
            assertThat(c.realRuns()).hasSize(2).allSatisfy(v -> assertThat(v).isPositive());
            assertThat(c.emulated()).as(c.metric().key()).isPositive();
            assertThat(c.realMedian()).isBetween(Math.min(c.realRuns().get(0), c.realRuns().get(1)),
                    Math.max(c.realRuns().get(0), c.realRuns().get(1)));
            assertThat(c.errorPct()).isEqualTo((c.emulated() - c.realMedian()) / c.realMedian() * 100);
        }
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("entries")).hasSize(Metric.values().length);
        assertThat(root.at("/entries/0/scenario").asText()).isEqualTo("tp1-mini");
        assertThat(root.at("/entries/0/metric").asText()).isEqualTo("mean_ttft_ms");
        assertThat(report.table()).startsWith("SCENARIO").contains("tp1-mini         mean TTFT (ms)");
    }
}
