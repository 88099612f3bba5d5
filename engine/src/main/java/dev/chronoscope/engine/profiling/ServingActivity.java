package dev.chronoscope.engine.profiling;

import dev.chronoscope.engine.core.EngineListener;
import dev.chronoscope.engine.core.StepReport;
import dev.chronoscope.engine.device.DeviceActivityListener;
import dev.chronoscope.engine.device.KernelLaunch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import static dev.chronoscope.engine.device.KernelNames.BATCH_SIZE;

/**
 * What a serving engine's devices and steps did while recording was on, turned into samples: every
 * kernel and collective as it ran in situ (after the kernels before it, beside the engine's own
 * threads), the two hand-offs of the CPU device ({@value #LAUNCH_LATENCY}: work enqueued on an idle
 * stream worker until it starts; {@value #SYNC_LATENCY}: a stream done until the waiting host thread
 * runs), and {@value #HOST_STEP}: the part of each busy engine step during which the driver's host
 * threads were not waiting for its device. Samples of one kernel at one shape are averaged (see
 * {@link #trimmedMean}); each hand-off and step sample carries the batch (requests in flight) it was
 * recorded at, so the runtime costs are one sample per batch size.
 */
final class ServingActivity implements DeviceActivityListener, EngineListener {
    static final String LAUNCH_LATENCY = "launch_latency", SYNC_LATENCY = "sync_latency", HOST_STEP = "host_step";
    /** Devices whose hand-offs and waits describe the engine's critical path: the driver rank's. */
    private static final int DRIVER_DEVICE = 0;
    /** A step that starts later than this after the previous one ended followed an idle engine. */
    private static final long BUSY_GAP_NANOS = 2_000_000;

    private record Observation(String kernel, Map<String, Long> features, long nanos) {}
    private record Wait(long from, long to) {}

    private final ConcurrentLinkedQueue<Observation> observations = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Wait> waits = new ConcurrentLinkedQueue<>();
    private final List<StepReport> steps = new ArrayList<>();
    /** Collectives seen by some ranks of their group only: by their sequence number, the longest duration and the ranks seen. */
    private final Map<Long, long[]> collectives = new HashMap<>();
    private final Map<Integer, Long> collectiveCounts = new HashMap<>();
    private volatile boolean recording;
    private volatile long batch;

    /** Records from now on, labelling the runtime samples with {@code inFlight} requests. */
    void start(int inFlight) {
        batch = inFlight;
        synchronized (collectives) {
            collectives.clear();
            collectiveCounts.clear();
        }
        recording = true;
    }

    /** Stops recording and turns the engine steps seen since {@link #start} into host-step samples. */
    void stop() {
        recording = false;
        List<StepReport> seen;
        synchronized (steps) {
            seen = new ArrayList<>(steps);
            steps.clear();
        }
        List<Wait> w = new ArrayList<>(waits);
        waits.clear();
        for (int i = 0; i + 1 < seen.size(); i++) {
            StepReport a = seen.get(i), b = seen.get(i + 1);
            if (b.startNanos() - a.endNanos() > BUSY_GAP_NANOS) continue;
            long waited = 0;
            for (Wait x : w) waited += Math.max(0, Math.min(x.to, b.startNanos()) - Math.max(x.from, a.startNanos()));
            observations.add(new Observation(HOST_STEP, Map.of(BATCH_SIZE, batch), b.startNanos() - a.startNanos() - waited));
        }
    }

    @Override
    public void onKernel(int device, KernelLaunch kernel, long startNanos, long endNanos) {
        if (recording) observations.add(new Observation(kernel.kernel(), SampleCsv.fromLaunchShape(kernel.shape()), endNanos - startNanos));
    }

    /**
     * The ranks of a group run their collectives in the same order, so the n-th of each device is one
     * collective. Its cost to the step is the longest rank's: the first to arrive waits for the last
     * (on a shared CPU the skew between ranks is most of it), and an emulation, whose ranks arrive
     * together, must add that wait to the collective itself.
     */
    @Override
    public void onCollective(int device, String op, long bytes, int ranks, long startNanos, long endNanos) {
        if (!recording) return;
        if (ranks == 1) {
            observations.add(new Observation(op, SampleCsv.collectiveFeatures(bytes, ranks), endNanos - startNanos));
            return;
        }
        synchronized (collectives) {
            long n = collectiveCounts.merge(device, 1L, Long::sum);
            long[] seen = collectives.computeIfAbsent(n, k -> new long[]{0, 0});
            seen[0] = Math.max(seen[0], endNanos - startNanos);
            if (++seen[1] == ranks) {
                collectives.remove(n);
                observations.add(new Observation(op, SampleCsv.collectiveFeatures(bytes, ranks), seen[0]));
            }
        }
    }

    @Override
    public void onWorkerWakeUp(int device, long enqueuedNanos, long startedNanos) {
        if (recording && device == DRIVER_DEVICE) {
            observations.add(new Observation(LAUNCH_LATENCY, Map.of(BATCH_SIZE, batch), startedNanos - enqueuedNanos));
        }
    }

    @Override
    public void onHostWakeUp(int device, long waitNanos, long doneNanos, long resumedNanos) {
        if (!recording || device != DRIVER_DEVICE) return;
        waits.add(new Wait(waitNanos, resumedNanos));
        observations.add(new Observation(SYNC_LATENCY, Map.of(BATCH_SIZE, batch), resumedNanos - doneNanos));
    }

    @Override
    public void onStep(StepReport step) {
        if (!recording) return;
        synchronized (steps) {
            steps.add(step);
        }
    }

    /** One sample CSV row per (kernel, shape) observed, in a stable order. */
    List<String> rows(String source) {
        Map<String, Map<Map<String, Long>, List<Long>>> grouped = new TreeMap<>();
        for (Observation o : observations) {
            grouped.computeIfAbsent(o.kernel, k -> new LinkedHashMap<>()).computeIfAbsent(o.features, f -> new ArrayList<>()).add(o.nanos);
        }
        List<String> rows = new ArrayList<>();
        grouped.forEach((kernel, shapes) -> shapes.entrySet().stream()
                .sorted(java.util.Comparator.comparing(e -> new TreeMap<>(e.getKey()).toString()))
                .forEach(e -> rows.add(SampleCsv.row(kernel, Math.max(1, trimmedMean(e.getValue())), source, e.getKey()))));
        return rows;
    }

    /** Observations recorded so far, for progress. */
    int observed() { return observations.size(); }

    /**
     * The mean without the slowest tenth: in situ durations are what the emulation should add up
     * (including the slow steps after a prefill has pushed the weights out of cache), while the slowest
     * tenth on a shared machine are mostly time slices lost to other processes.
     */
    static long trimmedMean(List<Long> values) {
        long[] v = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        int keep = Math.max(1, v.length - v.length / 10);
        long sum = 0;
        for (int i = 0; i < keep; i++) sum += v[i];
        return Math.round((double) sum / keep);
    }
}
