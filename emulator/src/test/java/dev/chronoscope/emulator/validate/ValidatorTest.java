package dev.chronoscope.emulator.validate;

import dev.chronoscope.emulator.run.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValidatorTest {
    @TempDir Path dir;

    private static RunMetrics metrics(double ttft) {
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        for (Metric x : Metric.values()) m.put(x, 1.0);
        m.put(Metric.MEAN_TTFT, ttft);
        return new RunMetrics(m);
    }

    /** Real runs at 10 ms; emulations that fail {@code failures} times before one at 12 ms. */
    private static final class FlakyEmulation implements EngineRuns {
        int failures;
        final List<String> emulatedIn = new ArrayList<>();

        FlakyEmulation(int failures) { this.failures = failures; }

        @Override public RunMetrics real(Scenario s, RequestTrace t, Path d) { return metrics(10); }

        @Override public int niceness() { return 0; }

        @Override
        public RunMetrics emulated(Scenario s, RequestTrace t, Path d) {
            emulatedIn.add(d.getFileName().toString());
            if (failures-- > 0) throw new ValidationException("the emulated run failed: deadlock at virtual time 9 ns\n  stack");
            return metrics(12);
        }
    }

    private static ValidationPlan onePerRankCase() {
        return new ValidationPlan("test", List.of(new ValidationCase("mp", 2, 2, 1, 1, 1, 16, 4, "modeled", "per-rank")), 1,
                dev.chronoscope.emulator.calibrate.CalibrationGrid.quick());
    }

    @Test
    void aFailedEmulationIsPrintedAndTriedOnceMoreInAFolderOfItsOwn() throws InterruptedException {
        FlakyEmulation runs = new FlakyEmulation(1);
        StringWriter progress = new StringWriter();
        ValidationReport report = new Validator(runs, new PrintWriter(progress)).run(onePerRankCase(), dir.resolve("m.db"), dir);
        assertThat(runs.emulatedIn).containsExactly("emulated", "emulated-retry");
        assertThat(progress.toString()).contains("  emulation failed, trying once more: the emulated run failed: deadlock at virtual time 9 ns\n")
                .doesNotContain("stack");
        assertThat(report.scenarios().getFirst().emulated().get(Metric.MEAN_TTFT)).isEqualTo(12);
    }

    @Test
    void aSecondFailureEndsTheValidation() {
        FlakyEmulation runs = new FlakyEmulation(2);
        assertThatThrownBy(() -> new Validator(runs, new PrintWriter(new StringWriter())).run(onePerRankCase(), dir.resolve("m.db"), dir))
                .isInstanceOf(ValidationException.class).hasMessageContaining("deadlock");
    }
}
