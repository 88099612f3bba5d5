package dev.chronoscope.emulator.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallationLayoutTest {

    @TempDir
    Path home;

    @Test
    void findsTheJarsOfASourceTree() throws IOException {
        Path jar = touch("engine/target/engine.jar");

        InstallationLayout layout = new InstallationLayout(home);

        assertThat(layout.jar(InstallationLayout.ENGINE)).isEqualTo(jar);
        assertThat(layout.classpath(InstallationLayout.ENGINE))
                .isEqualTo(jar + File.pathSeparator + home.resolve("engine/target/lib") + File.separator + "*");
    }

    @Test
    void findsTheJarsOfAnInstalledPackage() throws IOException {
        Path engine = touch("engine/engine.jar");
        Path agent = touch("interposer-agent/interposer-agent.jar");
        Path emulator = touch("emulator/emulator.jar");

        InstallationLayout layout = new InstallationLayout(home);
        layout.require(InstallationLayout.ENGINE, InstallationLayout.AGENT, InstallationLayout.EMULATOR);

        assertThat(layout.emulationJars()).containsExactly(emulator, engine, agent);
        assertThat(layout.classpath(InstallationLayout.EMULATOR))
                .isEqualTo(emulator + File.pathSeparator + home.resolve("emulator/lib") + File.separator + "*");
    }

    @Test
    void aFreshBuildInTheSourceTreeWinsOverAnInstalledCopy() throws IOException {
        touch("engine/engine.jar");
        Path built = touch("engine/target/engine.jar");

        assertThat(new InstallationLayout(home).jar(InstallationLayout.ENGINE)).isEqualTo(built);
    }

    @Test
    void aMissingJarIsNamedWithHowToBuildIt() throws IOException {
        touch("engine/target/engine.jar");

        assertThatThrownBy(() -> new InstallationLayout(home).require(InstallationLayout.ENGINE, InstallationLayout.AGENT))
                .isInstanceOf(InstallationException.class)
                .hasMessageContaining(home.resolve("interposer-agent/target/interposer-agent.jar").toString())
                .hasMessageContaining("./mvnw -DskipTests package");
    }

    private Path touch(String relative) throws IOException {
        Path file = home.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.createFile(file);
    }
}
