package dev.chronoscope.app.runs.emulate;

import dev.chronoscope.emulator.install.InstallationLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The installation the workbench runs from ({@code -Dchronoscope.home}, set by {@code ./chronoscope}
 * and by the installed launcher): the emulator's jar and libraries (the {@code emulate} command), the
 * engine's jar and the agent's jar (which {@code emulate} starts), in either layout of
 * {@link InstallationLayout}.
 */
public record ChronoscopeHome(Path root) {
    static final String CLI_MAIN = "dev.chronoscope.emulator.cli.ChronoscopeCli";

    /** From the {@code chronoscope.home} system property, else the working directory. */
    public static ChronoscopeHome fromSystemProperty() {
        String home = System.getProperty(InstallationLayout.HOME_PROPERTY);
        return new ChronoscopeHome(Path.of(home == null || home.isBlank() ? "" : home).toAbsolutePath());
    }

    /** The jars a run needs, in the order they are checked. */
    public List<Path> requiredJars() {
        return layout().emulationJars();
    }

    /** The first required jar that is missing, or null when the installation is built. */
    public Path missingJar() {
        return requiredJars().stream().filter(p -> !Files.isRegularFile(p)).findFirst().orElse(null);
    }

    /** {@code chronoscope emulate ARGS} as a child JVM of this one's java. */
    public List<String> emulateCommand(List<String> args) {
        return command("emulate", args);
    }

    /** {@code chronoscope SUBCOMMAND ARGS} (emulate, calibrate, models, …) as a child JVM of this one's java. */
    public List<String> command(String subcommand, List<String> args) {
        Path missing = missingJar();
        if (missing != null) {
            throw new IllegalStateException(missing + " is missing; build with ./mvnw -DskipTests package (./chronoscope does it on first use)");
        }
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.add("--enable-native-access=ALL-UNNAMED");
        c.add("-D" + InstallationLayout.HOME_PROPERTY + "=" + root);
        c.add("-cp");
        c.add(layout().classpath(InstallationLayout.EMULATOR));
        c.add(CLI_MAIN);
        c.add(subcommand);
        c.addAll(args);
        return c;
    }

    private InstallationLayout layout() {
        return new InstallationLayout(root);
    }
}
