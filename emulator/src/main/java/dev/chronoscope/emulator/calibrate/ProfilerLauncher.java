package dev.chronoscope.emulator.calibrate;

import dev.chronoscope.emulator.install.InstallationLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start the engine's profilers as child JVMs. The emulator never links against the engine
 * (DESIGN §2); it only names the profilers' main classes and the engine's classpath.
 *
 * @param java       the java executable
 * @param classpath  the engine jar and its libraries
 * @param jvmOptions options before the main class
 * @param niceness   scheduling niceness of the profilers (0: as any process; see {@link #nicePrefix})
 */
public record ProfilerLauncher(Path java, String classpath, List<String> jvmOptions, int niceness) {
    /** The engine's profiler of its CPU kernels. */
    public static final String KERNEL_PROFILER = "dev.chronoscope.engine.device.cpu.KernelProfiler";
    /** The engine's profiler of its in-process collectives. */
    public static final String COLLECTIVE_PROFILER = "dev.chronoscope.engine.profiling.CollectiveProfiler";
    /** The engine's in-situ profiler: serves requests and records kernels, collectives and runtime costs as they ran. */
    public static final String SERVING_PROFILER = "dev.chronoscope.engine.profiling.ServingProfiler";
    /** The engine's fast kernels use the Vector API; calibrate what the engine runs with it. */
    static final List<String> DEFAULT_JVM_OPTIONS = List.of("--add-modules", "jdk.incubator.vector", "-Xmx3g", "-XX:+UseParallelGC");

    public ProfilerLauncher {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** The profiler of the Chronoscope installation at {@code home} (see {@link InstallationLayout}). */
    public static ProfilerLauncher forInstallation(Path home) {
        InstallationLayout layout = new InstallationLayout(home);
        if (!Files.isRegularFile(layout.jar(InstallationLayout.ENGINE))) {
            throw new CalibrationException("the engine is not built: " + layout.jar(InstallationLayout.ENGINE)
                    + " is missing; run './chronoscope --help' once (it builds what is missing) or"
                    + " './mvnw -pl engine package -DskipTests' in " + home);
        }
        return forClasspath(layout.classpath(InstallationLayout.ENGINE));
    }

    /** The profiler on an explicit classpath (tests, development trees). */
    public static ProfilerLauncher forClasspath(String classpath) {
        return new ProfilerLauncher(Path.of(System.getProperty("java.home"), "bin", "java"), classpath, DEFAULT_JVM_OPTIONS, 0);
    }

    /** These profilers at {@code n}: an in-situ profile measures wall time, as the real runs it should match do. */
    public ProfilerLauncher withNiceness(int n) {
        return new ProfilerLauncher(java, classpath, jvmOptions, n);
    }

    /**
     * What starts a command at {@code niceness} (nothing for 0). Under Linux's autogroup scheduling, nice
     * only weighs threads against others of the same session: a session of its own, its group given the
     * niceness, weighs the command against the machine's other work. Negative values need root.
     */
    public static List<String> nicePrefix(int niceness) {
        if (niceness == 0) return List.of();
        return List.of("setsid", "sh", "-c",
                "[ -w /proc/self/autogroup ] && echo \"$0\" > /proc/self/autogroup; exec nice -n \"$0\" \"$@\"",
                Integer.toString(niceness));
    }

    /** The profiler of the installation named by the {@code chronoscope.home} system property that ./chronoscope sets. */
    public static ProfilerLauncher fromSystemProperty() {
        String home = System.getProperty(InstallationLayout.HOME_PROPERTY);
        if (home == null || home.isBlank()) {
            throw new CalibrationException("cannot find the engine: the system property chronoscope.home is not set; "
                    + "run calibration through ./chronoscope calibrate, or name the engine's classpath with --engine-classpath");
        }
        return forInstallation(Path.of(home));
    }

    List<String> command(String mainClass, List<String> profilerArguments) {
        List<String> cmd = new ArrayList<>(nicePrefix(niceness));
        cmd.add(java.toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(profilerArguments);
        return cmd;
    }
}
