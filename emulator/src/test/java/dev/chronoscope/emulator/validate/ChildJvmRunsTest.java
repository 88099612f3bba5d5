package dev.chronoscope.emulator.validate;

import dev.chronoscope.emulator.run.EngineInstallation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChildJvmRunsTest {

    @Test
    void aRealRunThatFailsIsReportedWithItsLogAndItsLastLines(@TempDir Path dir) {
        EngineInstallation broken = new EngineInstallation(Path.of(System.getProperty("java.home"), "bin", "java"),
                dir.toString(), dir.resolve("agent.jar"), "no.such.EngineMain", List.of());
        ValidationCase c = new ValidationCase("tp1-low", 1, 2, 1, 1, 1, 16, 4, "measured");
        RequestTrace trace = c.trace(0);
        Path run = dir.resolve("real-1");

        assertThatThrownBy(() -> new ChildJvmRuns(broken, 0).real(c.scenario(null, trace.write(dir.resolve("trace.csv")), trace.size(), 0),
                trace, run))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("the real engine run exited with status 1; its output is in " + run.resolve("engine.log"))
                .hasMessageContaining("no.such.EngineMain");
        assertThat(run.resolve("bench-result.json")).doesNotExist();
    }
}
