package dev.chronoscope.app.models;

import dev.chronoscope.app.runs.emulate.ChronoscopeHome;
import dev.chronoscope.emulator.models.store.NewSample;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real {@code chronoscope calibrate --device cpu-local --quick} of the reactor's packaged jars (15 s to a
 * minute; runs in the integration-test phase with the other live tests), skipped visibly when they are not
 * built: its progress lines reach the task context and its samples come back.
 */
@Tag("live")
class CalibrateCommandIT {

    @Test
    void calibratesThroughTheInstalledCommand() throws Exception {
        ChronoscopeHome home = new ChronoscopeHome(Path.of(System.getProperty("chronoscope.home", "..")).toAbsolutePath().normalize());
        assumeTrue(home.missingJar() == null, () -> "skipped: " + home.missingJar() + " is not built (./mvnw -DskipTests package)");
        CommandLineCalibrationTest.RecordingContext context = new CommandLineCalibrationTest.RecordingContext();

        List<NewSample> samples = CommandLineCalibration.of(home).calibrate(context);

        assertThat(samples).isNotEmpty().allSatisfy(s -> assertThat(s.source()).isEqualTo("calibrate:cpu-local"));
        assertThat(samples).extracting(NewSample::kernel).contains("mlp_up_proj", "attn_decode", "all_reduce");
        assertThat(context.reported).anySatisfy(p -> assertThat(p.message()).startsWith("profiling "));
        assertThat(context.reported).anySatisfy(p -> assertThat(p.fraction()).isEqualTo(1.0));
        assertThat(context.reported.getLast()).isEqualTo(new CommandLineCalibrationTest.Progress(1, "measured " + samples.size() + " samples"));
    }
}
