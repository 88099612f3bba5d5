package dev.chronoscope.emulator.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A timed JDK wait without the instrumentation fails loudly instead of giving wrong times. */
class WithoutJdkTimeInstrumentationTest {

    @Test
    void aTimedWaitFailsTheEmulationWithInstructions() throws Exception {
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                WithoutJdkTimeProbe.class.getName())
                .redirectErrorStream(true)
                .start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(output).contains("EmulationException: a timed JDK wait (sleep, parkNanos, timed poll/await/get)"
                + " ran in emulated thread 'sleeper' but JDK time instrumentation is not installed;"
                + " call JdkTimeInstrumentation.install(instrumentation) before creating the emulation");
    }
}
