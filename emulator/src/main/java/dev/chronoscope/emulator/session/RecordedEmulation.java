package dev.chronoscope.emulator.session;

import dev.chronoscope.emulator.gpu.VirtualCluster;
import dev.chronoscope.emulator.gpu.catalog.DeviceSpec;
import dev.chronoscope.emulator.gpu.net.NetworkModel;
import dev.chronoscope.emulator.models.KernelPredictor;
import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import dev.chronoscope.emulator.time.Emulation;
import dev.chronoscope.emulator.time.EmulationException;
import dev.chronoscope.emulator.time.TimeMode;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One in-process emulation recorded as an interposer stream: the run header, then whatever the
 * virtual GPUs (and the program, through {@link #sink()}) emit while the emulated threads run,
 * then the run trailer — {@code ok} at the final virtual time, or {@code error} with the failure's
 * message. The glue between virtual time ({@code emulator.time}), virtual GPUs ({@code emulator.gpu})
 * and a stream sink ({@code emulator.stream}); it owns and closes the sink.
 */
public final class RecordedEmulation implements AutoCloseable {
    private final Emulation emulation;
    private final EventSink sink;
    private final VirtualCluster cluster;
    private boolean ended;

    private RecordedEmulation(Builder b) {
        // Device arguments are checked before anything is written, so bad input leaves the sink empty.
        VirtualCluster.Builder devices = VirtualCluster.builder(b.spec, b.deviceCount)
                .predictor(b.predictor).sink(b.sink).processId(b.processId).launchLatencyNanos(b.launchLatencyNanos);
        if (b.network != null) devices.network(b.network);
        this.emulation = Emulation.builder().name(b.runId).mode(b.mode).wallClockEpochMillis(b.wallClockEpochMillis).build();
        this.sink = b.sink;
        sink.accept(new StreamEvent.RunStart(0, b.runId, b.scenarioJson, b.mode.name().toLowerCase(Locale.ROOT),
                b.versions, b.wallClockEpochMillis));
        sink.accept(new StreamEvent.ProcessRegistered(0, b.processId, b.processName));
        this.cluster = devices.clock(emulation).build();
    }

    /** Starts describing a run named {@code runId} (also the emulation's name). */
    public static Builder builder(String runId) {
        return new Builder(runId);
    }

    public Emulation emulation() { return emulation; }

    public VirtualCluster cluster() { return cluster; }

    /** Where engine-level events (requests, scheduler steps, metrics) go, interleaved with the devices' events. */
    public EventSink sink() { return sink; }

    /**
     * Runs the emulation to completion and writes the trailer.
     *
     * @return the final virtual time
     * @throws EmulationException as {@link Emulation#awaitCompletion} does, after writing an {@code error} trailer
     */
    public long run(Duration realTimeout) throws InterruptedException {
        if (ended) throw new IllegalStateException("recorded emulation '" + emulation.name() + "' has already run");
        ended = true;
        long end;
        try {
            end = emulation.awaitCompletion(realTimeout);
        } catch (EmulationException e) {
            sink.accept(new StreamEvent.RunEnd(emulation.now(), "error", e.getMessage()));
            throw e;
        }
        sink.accept(new StreamEvent.RunEnd(end, "ok", ""));
        return end;
    }

    /** Stops the emulation and closes the sink (a file sink then completes its file). */
    @Override
    public void close() {
        try {
            emulation.close();
        } finally {
            sink.close();
        }
    }

    public static final class Builder {
        private final String runId;
        private TimeMode mode = TimeMode.MODELED;
        private String scenarioJson = "{}";
        private Map<String, String> versions = Map.of();
        private long wallClockEpochMillis;
        private int processId;
        private String processName = "main";
        private DeviceSpec spec;
        private int deviceCount = 1;
        private KernelPredictor predictor;
        private NetworkModel network;
        private long launchLatencyNanos = VirtualCluster.DEFAULT_LAUNCH_LATENCY_NANOS;
        private EventSink sink;

        private Builder(String runId) {
            this.runId = Objects.requireNonNull(runId, "runId");
        }

        public Builder mode(TimeMode value) { this.mode = Objects.requireNonNull(value, "mode"); return this; }

        public Builder scenarioJson(String json) { this.scenarioJson = Objects.requireNonNull(json, "scenarioJson"); return this; }

        /** Software and model versions for the header; written in name order, so the bytes do not depend on the map's order. */
        public Builder versions(Map<String, String> value) { this.versions = Map.copyOf(value); return this; }

        public Builder wallClockEpochMillis(long millis) { this.wallClockEpochMillis = millis; return this; }

        public Builder process(int id, String name) {
            this.processId = id;
            this.processName = Objects.requireNonNull(name, "process name");
            return this;
        }

        public Builder devices(DeviceSpec type, int count) {
            this.spec = type;
            this.deviceCount = count;
            return this;
        }

        public Builder predictor(KernelPredictor value) { this.predictor = value; return this; }

        /** Defaults to the devices' alpha-beta model. */
        public Builder network(NetworkModel value) { this.network = value; return this; }

        public Builder launchLatencyNanos(long nanos) { this.launchLatencyNanos = nanos; return this; }

        public Builder sink(EventSink value) { this.sink = value; return this; }

        public RecordedEmulation build() {
            if (sink == null) throw new IllegalArgumentException("recorded emulation '" + runId + "': an event sink is required");
            if (spec == null) throw new IllegalArgumentException("recorded emulation '" + runId + "': a device type is required");
            if (predictor == null) throw new IllegalArgumentException("recorded emulation '" + runId + "': a kernel predictor is required");
            return new RecordedEmulation(this);
        }
    }
}
