package dev.chronoscope.emulator.gpu.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RememberedCpuMeasurementTest {

    private static final long GIB = 1L << 30;
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    @TempDir
    Path dir;

    private final AtomicInteger probes = new AtomicInteger();
    private final Supplier<CpuMeasurement> probe = () -> {
        int n = probes.incrementAndGet();
        return new CpuMeasurement(CORES, 16 * GIB, n * 100e9, n * 10e9, "probe " + n);
    };

    @Test
    void measuresOnceAndEveryLaterRunGetsTheSameDevice() {
        Path file = dir.resolve("data/cpu-local.properties");

        CpuMeasurement first = new RememberedCpuMeasurement(file, probe).get();
        CpuMeasurement later = new RememberedCpuMeasurement(file, probe).get();

        assertThat(probes).hasValue(1);
        assertThat(file).isRegularFile();
        assertThat(later).isEqualTo(first);
        assertThat(later.flopsPerSec()).isEqualTo(100e9);
        assertThat(later.origin()).startsWith("measured by CpuLocalProbe at ").endsWith("kept in " + file);
        assertThat(later.toSpec()).isEqualTo(first.toSpec());
    }

    @Test
    void measuringAgainReplacesTheKeptMeasurement() {
        Path file = dir.resolve("cpu-local.properties");
        new RememberedCpuMeasurement(file, probe).get();

        new RememberedCpuMeasurement(file, probe).measureAgain();

        assertThat(new RememberedCpuMeasurement(file, probe).get().flopsPerSec()).isEqualTo(200e9);
        assertThat(probes).hasValue(2);
        assertThat(dir).isDirectoryContaining(p -> p.equals(file)).isDirectoryNotContaining("glob:**.partial");
    }

    @Test
    void aMeasurementThatCannotBeKeptIsStillUsedAndSaysSo() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");

        CpuMeasurement cpu = new RememberedCpuMeasurement(notAFolder.resolve("cpu-local.properties"), probe).get();

        assertThat(cpu.flopsPerSec()).isEqualTo(100e9);
        assertThat(cpu.origin()).contains("not kept: cannot keep the cpu-local measurement in " + notAFolder.resolve("cpu-local.properties"));
    }

    @Test
    void aDamagedFileOrOneFromAnotherMachineIsMeasuredAgain() throws IOException {
        Path file = dir.resolve("cpu-local.properties");
        Files.writeString(file, "cores=not a number\n");
        assertThat(new RememberedCpuMeasurement(file, probe).get().flopsPerSec()).isEqualTo(100e9);

        Files.writeString(file, Files.readString(file).replaceFirst("cores=\\d+", "cores=" + (CORES + 1)));
        assertThat(new RememberedCpuMeasurement(file, probe).get().flopsPerSec()).isEqualTo(200e9);
        assertThat(probes).hasValue(2);
    }
}
