package dev.chronoscope.emulator.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscope.emulator.stream.RunFolder;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code chronoscope emulate}: validates the scenario, starts the engine JVM with the agent attached
 * (its in-process benchmark drives the workload in virtual time), and completes the run folder:
 * <pre>
 * scenario.json          the scenario as given
 * stream.bin, kernels/   the interposer stream (docs/protocol.md)
 * bench-result.json      the engine benchmark's own result (vLLM's fields)
 * agent-summary.json     the agent's account: virtual time, kernels, model versions
 * result.json            vLLM's fields plus virtual_duration_s, wall_duration_s, speedup, kernel_events,
 *                        time_mode, model_versions
 * trace.json             Chrome trace for Perfetto
 * </pre>
 */
public final class EmulatedRun {
    public static final String RESULT_FILE = "result.json";
    public static final String BENCH_RESULT_FILE = "bench-result.json";
    public static final String SUMMARY_FILE = "agent-summary.json";
    public static final String SCENARIO_FILE = "scenario.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Scenario scenario;
    private final EngineInstallation installation;
    private final Path out;
    private final long traceMaxKernels;
    private String liveAgentOptions = "";
    private Map<String, String> environment = Map.of();

    /** What a completed run produced. */
    public record Report(Path resultFile, double virtualSeconds, double wallSeconds, long kernelEvents,
                         TraceExport.Written trace) {}

    public EmulatedRun(Scenario scenario, EngineInstallation installation, Path out, long traceMaxKernels) {
        this.scenario = scenario;
        this.installation = installation;
        this.out = out;
        this.traceMaxKernels = traceMaxKernels;
    }

    /**
     * Also streams the run live to a subscriber on 127.0.0.1:{@code streamPort} and obeys the control
     * connection on {@code controlPort} (0: none of either); {@code controlToken} goes into the engine
     * JVM's environment (null: it inherits this JVM's). See the agent's {@code live} and {@code control}.
     */
    public EmulatedRun live(int streamPort, int controlPort, String controlToken) {
        liveAgentOptions = (streamPort > 0 ? ",live=" + streamPort : "") + (controlPort > 0 ? ",control=" + controlPort : "");
        environment = controlToken == null ? Map.of() : Map.of("CHRONOSCOPE_CONTROL_TOKEN", controlToken);
        return this;
    }

    /**
     * Runs it. Bad input fails with {@link ScenarioException} before anything starts or is written; an
     * engine that fails or dies fails with {@link RunFailedException}, the run folder keeping what it recorded.
     */
    public Report run(PrintStream console, PrintStream errors, Consumer<Process> onStart) throws InterruptedException {
        scenario.validate();
        requireFreshFolder(out);
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve(SCENARIO_FILE), scenario.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        console.printf(Locale.ROOT, "chronoscope emulate: %s on %d × %s (TP %d, PP %d), %s time; run folder %s%n",
                scenario.model(), scenario.worldSize(), scenario.gpu(), scenario.tensorParallelSize(),
                scenario.pipelineParallelSize(), scenario.timeMode(), out.toAbsolutePath());
        EngineProcess.Outcome outcome;
        String coordinationFailure = null;
        try (PerRankCoordination coordination = scenario.perRank() ? PerRankCoordination.start(scenario) : null) {
            Consumer<Process> started = coordination == null ? onStart : process -> {
                coordination.watch(process, errors);
                onStart.accept(process);
            };
            Map<String, String> childEnvironment = new HashMap<>(environment);
            if (coordination != null) childEnvironment.putAll(coordination.environment());
            outcome = EngineProcess.run(installation.command(scenario.agentOptions(out) + liveAgentOptions,
                            scenario.benchArguments(out.resolve(BENCH_RESULT_FILE).toAbsolutePath())),
                    childEnvironment, out, console, errors, started);
            if (coordination != null) coordinationFailure = coordination.awaitFailure();
        } catch (IOException e) {
            throw new RunFailedException("cannot start the engine JVM (" + installation.javaExecutable() + "): " + e.getMessage(), 1);
        }
        if (coordinationFailure != null) {
            throw new RunFailedException("the coordinated run failed after "
                    + String.format(Locale.ROOT, "%.1f", outcome.wallNanos() / 1e9) + " s: " + coordinationFailure
                    + "; the run folder " + out + " keeps what it recorded", outcome.exitStatus() == 0 ? 1 : outcome.exitStatus());
        }
        if (outcome.died()) {
            throw new RunFailedException("the engine JVM (pid " + outcome.pid() + ") died with exit status "
                    + outcome.exitStatus() + " (signal " + (outcome.exitStatus() - 128) + ") after "
                    + String.format(Locale.ROOT, "%.1f", outcome.wallNanos() / 1e9) + " s; the run folder " + out
                    + " keeps what it recorded (the stream stays .partial)", outcome.exitStatus());
        }
        Path bench = out.resolve(BENCH_RESULT_FILE), summaryFile = out.resolve(SUMMARY_FILE);
        if (!Files.isRegularFile(bench) || !Files.isRegularFile(summaryFile)) {
            throw new RunFailedException("the engine JVM (pid " + outcome.pid() + ") exited with status "
                    + outcome.exitStatus() + " before the benchmark completed (see its message above); the run folder "
                    + out + " keeps what it recorded", outcome.exitStatus() == 0 ? 1 : outcome.exitStatus());
        }
        JsonNode summary = read(summaryFile);
        double virtual = summary.get("virtual_duration_ns").asLong() / 1e9;
        double wall = outcome.wallNanos() / 1e9;
        ObjectNode result = (ObjectNode) read(bench);
        result.put("virtual_duration_s", virtual);
        result.put("wall_duration_s", wall);
        result.put("emulation_wall_duration_s", summary.get("emulation_wall_ns").asLong() / 1e9);
        result.put("speedup", virtual / wall);
        result.put("engine_cpu_s", summary.get("process_cpu_ns").asLong() / 1e9);
        result.put("kernel_events", summary.get("kernel_events").asLong());
        result.put("time_mode", summary.get("time_mode").asText());
        result.set("model_versions", summary.get("model_versions"));
        result.set("engine_peak_rss_bytes", summary.get("peak_rss_bytes"));
        result.put("processes", scenario.processes());
        if (scenario.perRank()) RankSummaries.read(out).addTo(result);
        long kernelEvents = result.get("kernel_events").asLong();
        result.put("gpu", scenario.gpu());
        result.put("num_gpus", scenario.worldSize());
        result.put("tensor_parallel_size", scenario.tensorParallelSize());
        result.put("pipeline_parallel_size", scenario.pipelineParallelSize());
        Path resultFile = out.resolve(RESULT_FILE);
        writeAtomically(resultFile, result);
        TraceExport.Written trace = TraceExport.write(RunFolder.at(out), traceMaxKernels);
        console.printf(Locale.ROOT, "Emulated %.3f s of virtual time in %.2f s of wall time (speedup %.3g×), %,d kernels%n",
                virtual, wall, virtual / wall, kernelEvents);
        console.printf(Locale.ROOT, "Wrote %s and %s (%,d of %,d kernels)%n", resultFile, trace.file(),
                trace.kernelsWritten(), trace.kernelsRecorded());
        if (outcome.exitStatus() != 0) {
            throw new RunFailedException("the engine JVM (pid " + outcome.pid() + ") exited with status "
                    + outcome.exitStatus() + " (some requests failed; see above); results are in " + out, outcome.exitStatus());
        }
        return new Report(resultFile, virtual, wall, kernelEvents, trace);
    }

    private static void requireFreshFolder(Path dir) {
        if (!Files.exists(dir)) return;
        if (!Files.isDirectory(dir)) throw new ScenarioException("--out " + dir + " is a file, not a directory");
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new ScenarioException("--out " + dir + " is not empty; give a new or empty directory for the run folder");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeAtomically(Path file, JsonNode node) {
        try {
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            JSON.writeValue(tmp.toFile(), node);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
