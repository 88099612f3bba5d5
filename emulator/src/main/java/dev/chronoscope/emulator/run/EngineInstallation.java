package dev.chronoscope.emulator.run;

import dev.chronoscope.emulator.install.InstallationException;
import dev.chronoscope.emulator.install.InstallationLayout;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the pieces of an emulated engine JVM are: the java executable, the engine's classpath (its
 * unchanged jar and libraries), the agent jar and the engine's main class.
 */
public record EngineInstallation(Path javaExecutable, String engineClasspath, Path agentJar, String mainClass, List<String> jvmOptions) {
    public static final String ENGINE_MAIN = "dev.chronoscope.engine.cli.EngineCli";

    /**
     * The emulation runs on one carrier thread for seconds to minutes: C2's compiler threads and a
     * parallel collector only compete with it for cores and do not pay back within such a run (measured
     * in docs/emulate.md: about half the CPU time and wall time of the default JVM for Llama-3-8B).
     */
    public static final List<String> EMULATION_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /**
     * Extra options for the engine JVM, split at spaces, appended after {@link #EMULATION_JVM_OPTIONS}:
     * for looking inside a run (a flight recording, GC logs) without a rebuild.
     */
    public static final String EXTRA_OPTIONS_VARIABLE = "CHRONOSCOPE_ENGINE_JVM_OPTIONS";

    /** The engine and agent of the installation under {@code chronoscope.home} (set by ./chronoscope). */
    public static EngineInstallation fromHome() {
        try {
            InstallationLayout layout = InstallationLayout.fromSystemProperty();
            layout.require(InstallationLayout.ENGINE, InstallationLayout.AGENT);
            return new EngineInstallation(Path.of(System.getProperty("java.home"), "bin", "java"),
                    layout.classpath(InstallationLayout.ENGINE), layout.jar(InstallationLayout.AGENT), ENGINE_MAIN,
                    withExtraOptions(EMULATION_JVM_OPTIONS, System.getenv(EXTRA_OPTIONS_VARIABLE)));
        } catch (InstallationException e) {
            throw new ScenarioException(e.getMessage());
        }
    }

    /** {@code base} followed by the space-separated options of {@code extra} (null or blank: none). */
    static List<String> withExtraOptions(List<String> base, String extra) {
        if (extra == null || extra.isBlank()) return base;
        List<String> options = new java.util.ArrayList<>(base);
        options.addAll(List.of(extra.strip().split("\\s+")));
        return List.copyOf(options);
    }

    /** The child's command line: the engine's main with the agent attached. */
    List<String> command(String agentOptions, List<String> engineArguments) {
        List<String> c = new java.util.ArrayList<>();
        c.add(javaExecutable.toString());
        c.add("--enable-native-access=ALL-UNNAMED");
        // ByteBuddy, inside the agent, still reaches for sun.misc.Unsafe; its warnings say nothing about the run.
        c.add("--sun-misc-unsafe-memory-access=allow");
        c.addAll(jvmOptions);
        c.add("-javaagent:" + agentJar.toAbsolutePath() + "=" + agentOptions);
        c.addAll(List.of("-cp", engineClasspath, mainClass));
        c.addAll(engineArguments);
        return c;
    }
}
