package dev.chronoscope.emulator.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdkTimeInstrumentationTest {

    @BeforeAll
    static void instrumentJdkTime() {
        JdkTime.install();
    }

    @Test
    void installingTwiceIsHarmless() {
        JdkTime.install();
        assertThat(JdkTimeInstrumentation.isInstalled()).isTrue();
    }

    @Test
    void ordinaryThreadsKeepRealTimeInTimedWaits() throws InterruptedException {
        long start = System.nanoTime();
        boolean opened = new CountDownLatch(1).await(20, TimeUnit.MILLISECONDS);
        assertThat(opened).isFalse();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));
    }

    @Test
    void installOpensWhatEmulatedThreadsNeedSoAgentsNeedNoAddOpens() throws Exception {
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+EnableDynamicAgentLoading",
                "-cp", System.getProperty("java.class.path"),
                InstalledWithoutAddOpensProbe.class.getName())
                .redirectErrorStream(true)
                .start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(output).contains("ended at 3000000");
        assertThat(child.exitValue()).isZero();
    }
}
