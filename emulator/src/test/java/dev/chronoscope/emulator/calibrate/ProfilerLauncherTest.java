package dev.chronoscope.emulator.calibrate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfilerLauncherTest {
    @TempDir Path home;

    @Test
    void anUnbuiltInstallationIsNamedWithTheCommandThatBuildsIt() {
        assertThatThrownBy(() -> ProfilerLauncher.forInstallation(home))
                .isInstanceOf(CalibrationException.class)
                .hasMessageContaining(home.resolve("engine/target/engine.jar") + " is missing")
                .hasMessageContaining("./mvnw -pl engine package -DskipTests");
    }

    @Test
    void aBuiltInstallationRunsTheProfilerOnTheEngineJarAndItsLibraries() throws Exception {
        Files.createDirectories(home.resolve("engine/target/lib"));
        Files.createFile(home.resolve("engine/target/engine.jar"));
        List<String> cmd = ProfilerLauncher.forInstallation(home).command(ProfilerLauncher.KERNEL_PROFILER, List.of("--quick-arg"));
        assertThat(cmd.getFirst()).endsWith("java");
        assertThat(cmd).containsSequence("-cp", home.resolve("engine/target/engine.jar") + ":" + home.resolve("engine/target/lib") + "/*",
                ProfilerLauncher.KERNEL_PROFILER, "--quick-arg");
        assertThat(cmd).containsSequence("--add-modules", "jdk.incubator.vector");
    }
}
