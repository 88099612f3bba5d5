package dev.chronoscope.agent.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.chronoscope.agent.multiprocess.CoordinatedProcess;
import dev.chronoscope.agent.thread.EngineExit;
import dev.chronoscope.emulator.time.Emulation;
import dev.chronoscope.emulator.time.EmulationException;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the engine's {@code main} inside the emulation: on an emulated thread, so that every thread
 * it creates is emulated too. The JVM's real main thread waits for the emulation, completes the run
 * folder and the summary ({@value #SUMMARY_FILE}), and exits with the engine's status.
 */
public final class EmulatedMain {
    public static final String SUMMARY_FILE = "agent-summary.json";

    private EmulatedMain() {}

    /**
     * Called on entry to the main class's {@code main}. On an emulated thread (the re-entry below)
     * it returns false and the engine's own main runs; elsewhere it runs the emulation and exits.
     */
    public static boolean takeOver(Class<?> mainClass, String[] args) {
        if (Emulation.current().isPresent()) return false;
        EmulationSession session = EmulationSession.current();
        Emulation emulation = session.emulation();
        Method main;
        try {
            main = mainClass.getMethod("main", String[].class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(mainClass.getName() + " has no public main(String[])", e);
        }
        emulation.start("main", () -> invoke(main, args));
        Progress progress = Progress.start(session);
        int status;
        String message = null;
        try {
            emulation.awaitCompletion(session.options().timeout());
            status = 0;
        } catch (EmulationException e) {
            EngineExit exit = exitOf(e);
            status = exit != null ? exit.status() : 1;
            if (exit == null) {
                message = e.getMessage();
                // The whole chain, so an engine failure under emulation can be diagnosed from the run's log.
                e.printStackTrace();
            }
        } catch (InterruptedException e) {
            status = 1;
            message = "interrupted while waiting for the emulation";
        } finally {
            progress.stop();
        }
        String coordination = CoordinatedProcess.current().map(CoordinatedProcess::failure).orElse(null);
        if (coordination != null && status != 0) {
            message = "the coordinated run failed: " + coordination;
            System.err.println("chronoscope interposer agent: emulated threads of " + session.role().name() + " when the run failed:\n"
                    + threadsOf(emulation));
        }
        if (message != null) System.err.println("chronoscope interposer agent: the emulated engine failed: " + message);
        session.finish(status == 0, message != null ? message : status == 0 ? "" : "exit status " + status);
        writeSummary(session, status, message);
        int finalStatus = status;
        CoordinatedProcess.current().ifPresent(process -> process.finish(emulation.now(), finalStatus == 0));
        System.exit(status);
        return true;
    }

    /** For the failure report; a thread that the failure caught in mid-switch cannot be listed, and is not. */
    private static String threadsOf(Emulation emulation) {
        try {
            return emulation.describeThreads();
        } catch (RuntimeException e) {
            return "(cannot list them: " + e.getMessage() + ")";
        }
    }

    private static void invoke(Method main, String[] args) {
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CPU time this JVM used (all threads, JIT and GC included): the cost of the run on a loaded machine. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** This JVM's peak resident set (Linux's VmHWM), or null where /proc does not say. */
    private static Long peakResidentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private static EngineExit exitOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EngineExit exit) return exit;
        }
        return null;
    }

    private static void writeSummary(EmulationSession session, int status, String message) {
        Path dir = session.role().runDir();
        if (dir == null) return;
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("exit_status", status);
        summary.put("error", message);
        summary.put("virtual_duration_ns", session.emulation().now());
        summary.put("emulation_wall_ns", session.wallNanos());
        summary.put("kernel_events", session.kernels());
        summary.put("time_mode", session.options().timeMode().name().toLowerCase(Locale.ROOT));
        summary.put("model_versions", session.modelVersions().stream().sorted().toList());
        summary.put("process_cpu_ns", processCpuNanos());
        summary.put("peak_rss_bytes", peakResidentBytes());
        summary.put("gpu", session.options().gpu());
        summary.put("gpus", session.role().devices());
        try {
            Path tmp = Files.createTempFile(dir, SUMMARY_FILE, ".tmp");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), summary);
            Files.move(tmp, dir.resolve(SUMMARY_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            System.err.println("chronoscope interposer agent: cannot write " + dir.resolve(SUMMARY_FILE) + ": " + e);
        }
    }
}
