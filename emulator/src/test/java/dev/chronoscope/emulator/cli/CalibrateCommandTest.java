package dev.chronoscope.emulator.cli;

import dev.chronoscope.emulator.models.store.ModelStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CalibrateCommandTest {
    @TempDir Path dir;

    private record Run(int rc, String out, String err) {}

    private Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cli = new CommandLine(new ChronoscopeCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int rc = cli.execute(args);
        return new Run(rc, out.toString(), err.toString());
    }

    private String store() { return dir.resolve("models.db").toString(); }

    /** The engine is a test dependency of the emulator, so the profiler runs from the test classpath. */
    private static String engineClasspath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** The quick grid serves the tiny model in situ at TP 1 and 2 (and TP 2 with a process per rank): about 40–70 s. */
    @Test
    @Tag("slow")
    void quickCalibrationOfAKernelAndAHostCostShowsProgressAndASummary() {
        Run r = run("calibrate", "--device", "cpu-local", "--quick", "--ops", "add,host_step", "--models", store(),
                "--engine-classpath", engineClasspath());
        assertThat(r.rc()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("profiling \\d+ shapes \\(in situ: tiny served at TP \\[1, 2]")
                .containsPattern("calibrated cpu-local \\(quick grid\\): \\d+ samples")
                // the form is the candidate with the lowest CV MAPE on measured timings, so it depends on the machine
                .containsPattern("add +\\d+ (linear|table) .*cpu-local/add@\\d+")
                .containsPattern("host_step +9 linear .*cpu-local/host_step@\\d+ +1(,per_rank)?\n")
                .contains("store: " + store());
        try (ModelStore s = ModelStore.open(dir.resolve("models.db"))) {
            assertThat(s.active("cpu-local", "add")).isPresent();
            assertThat(s.active("h100-sxm", "add")).as("a fresh store is seeded with the shipped defaults first").isPresent();
        }
    }

    @Test
    void otherDevicesArePointedToTheGpuScript() {
        Run r = run("calibrate", "--device", "h100-sxm", "--models", store());
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err()).contains("--device: only cpu-local can be profiled by this command, not 'h100-sxm'")
                .contains("calibrate/profile_gpu.py").contains("chronoscope models import-samples FILE --device h100-sxm");
    }

    @Test
    void unknownKernelsAreListed() {
        Run r = run("calibrate", "--ops", "mlp_up,add", "--models", store());
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err()).contains("--ops: unknown kernel 'mlp_up'; expected some of emb,").contains("mlp_up_proj");
    }

    @Test
    void withoutAnInstallationTheEngineIsAskedFor() {
        assumeTrue(System.getProperty("chronoscope.home") == null, "skipped: chronoscope.home is set in this JVM");
        Run r = run("calibrate", "--quick", "--models", store());
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err()).contains("chronoscope.home is not set").contains("./chronoscope calibrate").contains("--engine-classpath");
    }

    @Test
    void aClasspathWithoutTheEngineNamesTheProfilerAndLeavesTheStoreEmpty() {
        Run r = run("calibrate", "--quick", "--ops", "add", "--models", store(), "--engine-classpath", dir.resolve("no-engine.jar").toString());
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err()).contains("the profiler dev.chronoscope.engine.profiling.ServingProfiler (pid ")
                .contains("failed with exit code 1 before planning any shape; the models store was not changed")
                .contains("Could not find or load main class dev.chronoscope.engine.profiling.ServingProfiler");
        try (ModelStore s = ModelStore.open(dir.resolve("models.db"))) {
            assertThat(s.samples("cpu-local", "add", true)).isEmpty();
            assertThat(s.active("cpu-local", "add")).isEmpty();
        }
    }
}
