package dev.chronoscope.agent.run;

import dev.chronoscope.agent.AgentOptions;
import dev.chronoscope.agent.control.ControlChannel;
import dev.chronoscope.agent.control.LiveFeed;
import dev.chronoscope.agent.device.EmulatedDevices;
import dev.chronoscope.agent.multiprocess.CoordinatedProcess;
import dev.chronoscope.agent.multiprocess.CoordinatorAddress;
import dev.chronoscope.agent.multiprocess.ProcessRole;
import dev.chronoscope.emulator.gpu.RemoteCollectives;
import dev.chronoscope.emulator.gpu.VirtualCluster;
import dev.chronoscope.emulator.gpu.catalog.DeviceCatalog;
import dev.chronoscope.emulator.gpu.catalog.DeviceSpec;
import dev.chronoscope.emulator.models.KernelModels;
import dev.chronoscope.emulator.models.KernelPredictor;
import dev.chronoscope.emulator.models.defaults.DefaultModels;
import dev.chronoscope.emulator.models.store.ModelStore;
import dev.chronoscope.emulator.stream.codec.Encoding;
import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import dev.chronoscope.emulator.stream.sink.RunFolderSink;
import dev.chronoscope.emulator.time.Emulation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Everything one emulated JVM shares: the emulation (virtual clock and scheduler), the virtual GPUs
 * and the sink their events go to. Built once in premain, before the engine's first class loads.
 */
public final class EmulationSession {
    /** The virtual clock's wall-clock epoch: fixed, so that emulated wall-clock reads are deterministic. */
    public static final long WALL_CLOCK_EPOCH_MILLIS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private static volatile EmulationSession current;

    private final AgentOptions options;
    private final ProcessRole role;
    private final Emulation emulation;
    private final RunStatistics statistics;
    private final DeviceSpec spec;
    private final RemoteCollectives remote;
    private final CompletableFuture<Models> models;
    private volatile EmulatedDevices devices;
    private final long wallStartNanos = System.nanoTime();

    private EmulationSession(AgentOptions options, ProcessRole role, Emulation emulation, RunStatistics statistics,
                             DeviceSpec spec, RemoteCollectives remote, CompletableFuture<Models> models) {
        this.options = options;
        this.role = role;
        this.emulation = emulation;
        this.statistics = statistics;
        this.spec = spec;
        this.remote = remote;
        this.models = models;
    }

    /**
     * Waits for the kernel models (they load beside the agent's own start-up: SQLite and Jackson on one
     * thread, ByteBuddy's interceptions on the other, a few hundred milliseconds each), then builds the
     * virtual GPUs with them; call before the engine runs. Throws what loading them threw (an
     * unreadable models store).
     */
    public void awaitModels() {
        Models loaded;
        try {
            loaded = models.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
        KernelPredictor predictor = loaded.predictor();
        HostOverheadModel.calibrate(loaded.runtime().hostStepNanos());
        VirtualCluster cluster = loaded.runtime().applyTo(VirtualCluster.builder(spec, role.devices()).firstRank(role.firstRank())
                .processId(role.clientId()).clock(emulation).predictor(predictor).sink(statistics), spec, predictor).build();
        devices = new EmulatedDevices(cluster, role.firstRank(), remote);
    }

    /** Builds the session; errors (unknown GPU, unreadable models store) name what was wrong. */
    public static EmulationSession start(AgentOptions options) {
        return start(options, ProcessRole.single(options));
    }

    /** Builds the session of one process of the run; a coordinated process joins the coordinator first. */
    public static EmulationSession start(AgentOptions options, ProcessRole role) {
        if (current != null) throw new IllegalStateException("an emulation session is already running in this JVM");
        DeviceSpec spec = DeviceCatalog.standard().get(options.gpu());
        Path store = options.models();
        if (store != null && !Files.isRegularFile(store)) throw new IllegalArgumentException("models store " + store + " does not exist");
        boolean perRank = options.coordinator() != null;
        CompletableFuture<Models> models = CompletableFuture.supplyAsync(() -> models(store, spec.name(), perRank),
                load -> Thread.ofPlatform().daemon().name("chronoscope-models").start(load));
        Emulation emulation = Emulation.builder().name("chronoscope").mode(options.timeMode())
                .wallClockEpochMillis(WALL_CLOCK_EPOCH_MILLIS).build();
        RemoteCollectives remote = options.coordinator() == null ? null
                : CoordinatedProcess.join(role, emulation, CoordinatorAddress.environment(options, role));
        // Workers inherit the driver's options: only the driver feeds the workbench and obeys its controls.
        boolean driver = !role.isWorker();
        RunStatistics statistics = new RunStatistics(LiveFeed.around(sink(role.runDir(), options.encoding()),
                driver ? options.livePort() : 0));
        if (driver && options.controlPort() != 0) ControlChannel.connect(options.controlPort(), emulation, statistics);
        statistics.accept(new StreamEvent.RunStart(0, "run", scenarioJson(options.runDir()),
                options.timeMode().name().toLowerCase(Locale.ROOT), Map.of("agent", version()), WALL_CLOCK_EPOCH_MILLIS));
        statistics.accept(new StreamEvent.ProcessRegistered(0, role.clientId(), role.name()));
        EmulationSession session = new EmulationSession(options, role, emulation, statistics, spec, remote, models);
        current = session;
        return session;
    }

    /** The session of this JVM; the agent's interception points fail loudly without one. */
    public static EmulationSession current() {
        EmulationSession s = current;
        if (s == null) throw new IllegalStateException("the chronoscope agent has no emulation session in this JVM");
        return s;
    }

    public static Optional<EmulationSession> active() { return Optional.ofNullable(current); }

    public AgentOptions options() { return options; }

    public Emulation emulation() { return emulation; }

    /** Which process of the run this JVM is (the only one, unless coordinated). */
    public ProcessRole role() { return role; }

    /** The virtual GPUs, once {@link #awaitModels} has built them. */
    public EmulatedDevices devices() {
        EmulatedDevices built = devices;
        if (built == null) throw new IllegalStateException("the virtual GPUs are built once the kernel models have loaded (awaitModels)");
        return built;
    }

    /** Where the engine-level events (steps, requests) go: the same stream as the devices'. */
    EventSink sink() { return statistics; }

    long kernels() { return statistics.kernels(); }

    long finishedRequests() { return statistics.finishedRequests(); }

    java.util.Set<String> modelVersions() { return statistics.modelVersions(); }

    long wallNanos() { return System.nanoTime() - wallStartNanos; }

    /** Ends the stream with the run's outcome and completes the run folder. */
    void finish(boolean ok, String message) {
        statistics.accept(new StreamEvent.RunEnd(emulation.now(), ok ? "ok" : "error", message == null ? "" : message));
        statistics.close();
    }

    /** The kernel predictor and the runtime calibration of {@code device} in the store. */
    private record Models(KernelPredictor predictor, CalibratedRuntime runtime) {}

    private static Models models(Path models, String device, boolean perRank) {
        if (models == null) {
            Path temporary;
            try {
                temporary = Files.createTempFile("chronoscope-default-models", ".db");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try (ModelStore store = ModelStore.open(temporary)) {
                DefaultModels.load().seedIfEmpty(store);
                return new Models(new KernelModels(store, d -> Optional.empty()).predictor(), CalibratedRuntime.NONE);
            } finally {
                temporary.toFile().delete();
            }
        }
        try (ModelStore store = ModelStore.open(models)) {
            KernelPredictor predictor = new KernelModels(store, d -> Optional.empty()).predictor();
            return new Models(predictor, CalibratedRuntime.read(store, device, predictor, perRank));
        }
    }

    private static EventSink sink(Path runDir, String encoding) {
        if (runDir == null) return EventSink.NONE;
        return RunFolderSink.create(runDir, encoding.equals("ndjson") ? Encoding.NDJSON : Encoding.BINARY);
    }

    private static String scenarioJson(Path runDir) {
        Path file = runDir == null ? null : runDir.resolve("scenario.json");
        try {
            return file != null && Files.isRegularFile(file) ? Files.readString(file) : "{}";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String version() {
        String v = EmulationSession.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
