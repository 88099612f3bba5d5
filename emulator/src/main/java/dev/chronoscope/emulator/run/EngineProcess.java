package dev.chronoscope.emulator.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One engine JVM of an emulation: started with the agent attached, its output copied to the console
 * as it comes (the result block, the agent's progress lines), its end reported with the status.
 */
final class EngineProcess {
    /** How a child ended: its exit status, pid and real duration. */
    record Outcome(int exitStatus, long pid, long wallNanos) {
        /** Killed by a signal (the JVM reports 128 + signal). */
        boolean died() { return exitStatus > 128; }
    }

    private EngineProcess() {}

    static Outcome run(List<String> command, Map<String, String> environment, Path workingDir, PrintStream out,
                       PrintStream err, Consumer<Process> onStart) throws IOException, InterruptedException {
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        // Ctrl-C on emulate must not leave the engine (or, per rank, its worker JVMs) running on its own.
        Thread reaper = new Thread(() -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }, "engine-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        onStart.accept(process);
        Thread stdout = copy(process.getInputStream(), out, "engine-stdout");
        Thread stderr = copy(process.getErrorStream(), err, "engine-stderr");
        try {
            int status = process.waitFor();
            stdout.join();
            stderr.join();
            return new Outcome(status, process.pid(), System.nanoTime() - start);
        } finally {
            if (process.isAlive()) process.destroyForcibly();
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // The JVM is exiting: the hook runs anyway.
            }
        }
    }

    private static Thread copy(InputStream from, PrintStream to, String name) {
        return Thread.ofPlatform().daemon().name(name).start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (!isJvmNoise(line)) to.println(line);
                }
            } catch (IOException e) {
                to.println("chronoscope emulate: lost the engine's output: " + e.getMessage());
            }
        });
    }

    /** JVM start-up warnings about the agent's own libraries, which say nothing about the run. */
    private static boolean isJvmNoise(String line) {
        return line.startsWith("WARNING: ") && (line.contains("sun.misc.Unsafe") || line.contains("terminally deprecated"))
                || line.startsWith("OpenJDK 64-Bit Server VM warning: Sharing is only supported");
    }
}
