package dev.chronoscope.app.models;

import dev.chronoscope.app.runs.emulate.ChronoscopeHome;
import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.store.NewSample;
import dev.chronoscope.modeleditor.CalibrationService;
import dev.chronoscope.modeleditor.task.TaskContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The calibration service driving a child process: a small script that prints calibrate's lines (the real command: CalibrateCommandIT). */
class CommandLineCalibrationTest {
    /** Stands in for chronoscope calibrate: its progress lines, then the samples CSV at --save-samples. */
    private static final String FAKE_CALIBRATE = """
            while [ $# -gt 0 ]; do
              case "$1" in --save-samples) out="$2"; shift;; --models) models="$2"; shift;; esac
              shift
            done
            case "$models" in */scratch-models.db) ;; *) echo "expected a scratch store, got '$models'"; exit 4;; esac
            echo "profiling 2 shapes (cpu clock, 2 processors)"
            echo "[1/2] mlp_up_proj   num_tokens=1    1.20 ms  elapsed 0:01  ETA 0:01"
            echo "WARNING: a JVM warning that is not progress"
            echo "[2/2] mlp_up_proj   num_tokens=64   2.40 ms  elapsed 0:02  ETA 0:00"
            echo "fitting 1 kernel models..."
            printf 'kernel,duration_ns,source,num_tokens\\nmlp_up_proj,1200000,calibrate:cpu-local,1\\nmlp_up_proj,2400000,calibrate:cpu-local,64\\n' > "$out"
            """;

    @TempDir Path dir;

    record Progress(double fraction, String message) {}

    static final class RecordingContext implements TaskContext {
        final List<Progress> reported = new CopyOnWriteArrayList<>();
        volatile boolean cancelAfterFirstShape;

        @Override public void progress(double fraction, String message) { reported.add(new Progress(fraction, message)); }

        @Override public boolean isCancelled() {
            return cancelAfterFirstShape && reported.stream().anyMatch(p -> p.fraction() > 0);
        }
    }

    private CommandLineCalibration script(String body) throws IOException {
        Path script = Files.writeString(dir.resolve("calibrate.sh"), body);
        return new CommandLineCalibration(List.of("sh", script.toString()));
    }

    @Test
    void reportsTheChildsProgressLinesAndReturnsItsSamples() throws Exception {
        RecordingContext context = new RecordingContext();

        List<NewSample> samples = script(FAKE_CALIBRATE).calibrate(context);

        assertThat(context.reported).containsExactly(
                new Progress(-1, "starting chronoscope calibrate"),
                new Progress(0, "profiling 2 shapes (cpu clock, 2 processors)"),
                new Progress(0.5, "1/2 mlp_up_proj num_tokens=1 1.20 ms elapsed 0:01 ETA 0:01"),
                new Progress(1, "2/2 mlp_up_proj num_tokens=64 2.40 ms elapsed 0:02 ETA 0:00"),
                new Progress(-1, "fitting 1 kernel models..."),
                new Progress(1, "measured 2 samples"));
        assertThat(samples).containsExactly(
                new NewSample("mlp_up_proj", Features.of("num_tokens", 1), 1_200_000, "calibrate:cpu-local"),
                new NewSample("mlp_up_proj", Features.of("num_tokens", 64), 2_400_000, "calibrate:cpu-local"));
    }

    @Test
    void aFailingCommandSaysWhyWithItsLastLines() throws Exception {
        CommandLineCalibration failing = script("""
                echo "profiling 2 shapes (cpu clock, 2 processors)"
                echo "chronoscope calibrate: engine/target/engine.jar is missing" >&2
                exit 3
                """);

        assertThatThrownBy(() -> failing.calibrate(new RecordingContext())).isInstanceOf(IOException.class)
                .hasMessageStartingWith("chronoscope calibrate exited with status 3: profiling 2 shapes (cpu clock, 2 processors)"
                        + " | chronoscope calibrate: engine/target/engine.jar is missing (command: sh ");
    }

    @Test
    void aCommandThatWritesNoSamplesIsAnError() throws Exception {
        CommandLineCalibration silent = script("echo 'fitting 0 kernel models...'\n");

        assertThatThrownBy(() -> silent.calibrate(new RecordingContext())).isInstanceOf(IOException.class)
                .hasMessageContaining("ended without writing its samples to").hasMessageEndingWith("fitting 0 kernel models...");
    }

    @Test
    void cancellingEndsTheChild() throws Exception {
        Path pidFile = dir.resolve("pid");
        CommandLineCalibration slow = script("""
                echo $$ > "%s"
                echo "profiling 100 shapes (cpu clock, 2 processors)"
                i=1
                while [ $i -le 100 ]; do echo "[$i/100] mlp_act num_tokens=$i  1.00 ms  elapsed 0:01  ETA 0:01"; i=$((i+1)); sleep 0.2; done
                """.formatted(pidFile));
        RecordingContext context = new RecordingContext();
        context.cancelAfterFirstShape = true;

        assertThatThrownBy(() -> slow.calibrate(context)).isInstanceOf(CancellationException.class);

        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join());
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        assertThat(context.reported.stream().filter(p -> p.fraction() > 0)).hasSize(1);
    }

    @Test
    void anUnbuiltInstallationIsNotAvailableAndSaysWhatIsMissing() {
        CalibrationService service = CommandLineCalibration.of(new ChronoscopeHome(dir));

        assertThat(service.isAvailable()).isFalse();
        assertThat(service.unavailableReason()).isEqualTo("chronoscope calibrate needs the built installation, but "
                + dir.resolve("emulator/target/emulator.jar") + " is missing; build it with ./mvnw -DskipTests package (./chronoscope does it on first use)");
    }
}
