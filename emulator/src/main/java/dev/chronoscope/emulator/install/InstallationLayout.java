package dev.chronoscope.emulator.install;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the jars of a Chronoscope installation are, under its home ({@code -Dchronoscope.home}).
 * Two layouts exist: the source tree that {@code ./chronoscope} builds ({@code engine/target/engine.jar}
 * beside {@code engine/target/lib/}) and the one the installers ship ({@code engine/engine.jar} beside
 * {@code engine/lib/}). Every component is looked up in both, the source tree first, so the same
 * code starts child JVMs from a checkout and from an installed package.
 */
public record InstallationLayout(Path home) {

    public static final String HOME_PROPERTY = "chronoscope.home";

    /** The serving engine: runs for real (serve, bench) and under the agent (emulate). */
    public static final String ENGINE = "engine";
    /** The emulator and its command line (emulate, calibrate, models, validate). */
    public static final String EMULATOR = "emulator";
    /** The java agent attached to emulated engine JVMs. */
    public static final String AGENT = "interposer-agent";

    public InstallationLayout {
        home = home.toAbsolutePath().normalize();
    }

    /**
     * The installation named by {@code -Dchronoscope.home}.
     *
     * @throws InstallationException when the property is not set
     */
    public static InstallationLayout fromSystemProperty() {
        String value = System.getProperty(HOME_PROPERTY);
        if (value == null || value.isBlank()) {
            throw new InstallationException("the system property " + HOME_PROPERTY + " is not set, so the engine and the"
                    + " agent cannot be found; start Chronoscope with ./chronoscope (or an installed bin/chronoscope)");
        }
        return new InstallationLayout(Path.of(value));
    }

    /** The component's jar, in whichever layout holds it; the source-tree path when neither does. */
    public Path jar(String component) {
        Path built = home.resolve(component).resolve("target").resolve(component + ".jar");
        Path installed = home.resolve(component).resolve(component + ".jar");
        return !Files.isRegularFile(built) && Files.isRegularFile(installed) ? installed : built;
    }

    /** The component's jar and every library jar beside it, as a class path. */
    public String classpath(String component) {
        Path jar = jar(component);
        return jar + File.pathSeparator + jar.resolveSibling("lib") + File.separator + "*";
    }

    /**
     * Checks that the components are built, in order.
     *
     * @throws InstallationException naming the first missing jar and how to build it
     */
    public void require(String... components) {
        for (String component : components) {
            Path jar = jar(component);
            if (!Files.isRegularFile(jar)) {
                throw new InstallationException(jar + " is missing; build with ./mvnw -DskipTests package"
                        + " (./chronoscope does it on first use)");
            }
        }
    }

    /** The jars {@link #require} checks for running emulations, in order. */
    public List<Path> emulationJars() {
        return List.of(jar(EMULATOR), jar(ENGINE), jar(AGENT));
    }
}
