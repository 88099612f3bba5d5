package dev.chronoscope.emulator.validate;

import dev.chronoscope.emulator.calibrate.ProfilerLauncher;
import dev.chronoscope.emulator.run.EmulatedRun;
import dev.chronoscope.emulator.run.EngineInstallation;
import dev.chronoscope.emulator.run.RunFailedException;
import dev.chronoscope.emulator.run.Scenario;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Both runs as child JVMs of one engine installation, so reality and emulation execute the same
 * engine classes: the real one is the engine's main with no agent and the JVM's default options (as
 * {@code ./chronoscope bench} starts it), the emulated one is {@link EmulatedRun}. Each child's output
 * goes to {@code engine.log} in its folder.
 */
public final class ChildJvmRuns implements EngineRuns {
    static final String LOG_FILE = "engine.log";
    static final String REAL_RESULT_FILE = "bench-result.json";
    /** The CPU kernels use the Vector API, as in ./chronoscope bench and in calibration. */
    private static final List<String> REAL_JVM_OPTIONS = List.of("--enable-native-access=ALL-UNNAMED",
            "--add-modules", "jdk.incubator.vector");

    private final EngineInstallation installation;
    private final int niceness;

    /**
     * @param niceness scheduling niceness of the real engine JVMs (Linux {@code nice}; negative needs root): on a
     *                 shared machine a negative one keeps other processes from stretching the real runs; 0 starts
     *                 them as any other process
     */
    public ChildJvmRuns(EngineInstallation installation, int niceness) {
        this.installation = installation;
        this.niceness = niceness;
    }

    @Override
    public int niceness() { return niceness; }

    @Override
    public RunMetrics real(Scenario scenario, RequestTrace trace, Path dir) throws InterruptedException {
        Path result = dir.resolve(REAL_RESULT_FILE).toAbsolutePath();
        List<String> command = new ArrayList<>(ProfilerLauncher.nicePrefix(niceness));
        command.add(installation.javaExecutable().toString());
        command.addAll(REAL_JVM_OPTIONS);
        command.addAll(List.of("-cp", installation.engineClasspath(), installation.mainClass()));
        command.addAll(scenario.benchArguments(result));
        Path log = dir.resolve(LOG_FILE);
        int status;
        try {
            Files.createDirectories(dir);
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            try {
                status = p.waitFor();
            } finally {
                if (p.isAlive()) p.destroyForcibly();
            }
        } catch (IOException e) {
            throw new ValidationException("cannot start the real engine JVM (" + installation.javaExecutable() + "): " + e.getMessage());
        }
        if (status != 0 || !Files.isRegularFile(result)) {
            throw new ValidationException("the real engine run exited with status " + status + "; its output is in " + log
                    + lastLines(log));
        }
        return RunMetrics.read(result, trace);
    }

    @Override
    public RunMetrics emulated(Scenario scenario, RequestTrace trace, Path dir) throws InterruptedException {
        Path log = dir.resolveSibling(dir.getFileName() + "-" + LOG_FILE);
        try (OutputStream file = Files.newOutputStream(log); PrintStream out = new PrintStream(file, true, StandardCharsets.UTF_8)) {
            EmulatedRun.Report report = new EmulatedRun(scenario, forTimeMode(scenario.timeMode()), dir, 0).run(out, out, p -> { });
            return RunMetrics.read(report.resultFile(), trace);
        } catch (RunFailedException e) {
            throw new ValidationException("the emulated run failed: " + e.getMessage() + "; its output is in " + log + lastLines(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Measured time charges the engine's host code its real CPU time, so the emulated JVM must compile that
     * code as the real one does (the default tiered JIT), not with the installation's C1-only options that
     * speed up modeled emulations, where host CPU time does not count.
     */
    private EngineInstallation forTimeMode(String timeMode) {
        if (!timeMode.equals("measured")) return installation;
        return new EngineInstallation(installation.javaExecutable(), installation.engineClasspath(), installation.agentJar(),
                installation.mainClass(), List.of());
    }

    /** The end of a child's log, so a failure says why without opening the file. */
    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return lines.isEmpty() ? "" : ":\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
