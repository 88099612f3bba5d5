package dev.chronoscope.app.models;

import dev.chronoscope.app.runs.emulate.ChronoscopeHome;
import dev.chronoscope.emulator.models.store.NewSample;
import dev.chronoscope.modeleditor.CalibrationService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real {@code chronoscope calibrate --device cpu-local --quick} of the reactor's packaged jars (about a
 * minute; runs in the integration-test phase with the other live tests), skipped visibly when they are not
 * built. Where calibrate is not part of the build yet, the command refuses and the error must say so.
 */
@Tag("live")
class CalibrateCommandIT {

    @Test
    void calibratesThroughTheInstalledCommand() throws Exception {
        ChronoscopeHome home = new ChronoscopeHome(Path.of(System.getProperty("chronoscope.home", "..")).toAbsolutePath().normalize());
        assumeTrue(home.missingJar() == null, () -> "skipped: " + home.missingJar() + " is not built (./mvnw -DskipTests package)");
        CommandLineCalibrationTest.RecordingContext context = new CommandLineCalibrationTest.RecordingContext();
        CalibrationService service = CommandLineCalibration.of(home);
        try {
            List<NewSample> samples = service.calibrate(context);
            assertThat(samples).isNotEmpty().allSatisfy(s -> assertThat(s.source()).isEqualTo("calibrate:cpu-local"));
            assertThat(context.reported).anySatisfy(p -> assertThat(p.message()).startsWith("profiling "));
            assertThat(context.reported.getLast()).isEqualTo(new CommandLineCalibrationTest.Progress(1, "measured " + samples.size() + " samples"));
        } catch (IOException e) {
            assertThat(e).hasMessageContaining("chronoscope calibrate exited with status 2: chronoscope: this command is not built yet");
        }
    }
}
