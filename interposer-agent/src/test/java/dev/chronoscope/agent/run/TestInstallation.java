package dev.chronoscope.agent.run;

import dev.chronoscope.emulator.run.EngineInstallation;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * An engine JVM made from this test's classpath (the engine, the emulator and the agent's classes)
 * with an agent jar that holds only the agent's manifest: the JVM loads the Premain-Class from the
 * classpath, so the tests need no packaged jar (the shaded one is built in the package phase).
 */
final class TestInstallation {
    private TestInstallation() {}

    static EngineInstallation create(Path dir) {
        Path agentJar = dir.resolve("agent-manifest-only.jar");
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Premain-Class", "dev.chronoscope.agent.InterposerAgent");
        a.putValue("Can-Retransform-Classes", "true");
        a.putValue("Can-Redefine-Classes", "true");
        try (OutputStream out = Files.newOutputStream(agentJar); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EngineInstallation(Path.of(System.getProperty("java.home"), "bin", "java"),
                ManagementFactory.getRuntimeMXBean().getClassPath(), agentJar, EngineInstallation.ENGINE_MAIN,
                EngineInstallation.EMULATION_JVM_OPTIONS);
    }
}
