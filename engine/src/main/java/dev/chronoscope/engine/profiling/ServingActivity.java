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
 * {@link #trimmedMean}); the runtime costs are one sample per group of requests served, labelled with
 * its batch (requests in flight), TP degree and {@value #PER_RANK} (0: ranks as threads, 1: a process
 * per rank).
 * <p>
 * With a process per rank the devices live in the workers' JVMs, out of this listener's sight, and
 * every step adds two messages between processes (the step to the workers, the sampled tokens back)
 * to the critical path. Its host step is therefore derived from the same group served with ranks as
 * threads: that group's host step plus the difference of the two deployments' mean step intervals.
 */
final class ServingActivity implements DeviceActivityListener, EngineListener {
    static final String LAUNCH_LATENCY = "launch_latency", SYNC_LATENCY = "sync_latency", HOST_STEP = "host_step";
    static final String PER_RANK = SampleCsv.PER_RANK;
    /** Devices whose hand-offs and waits describe the engine's critical path: the driver rank's. */
    private static final int DRIVER_DEVICE = 0;
    /** A step that starts later than this after the previous one ended followed an idle engine. */
    private static final long BUSY_GAP_NANOS = 2_000_000;

    private record Observation(String kernel, Map<String, Long> features, long nanos) {}
    private record Wait(long from, long to) {}
    /** A group of requests served: what its runtime samples are labelled with. */
    private record Group(long batch, int tp, boolean perRank) {
        Map<String, Long> features() { return Map.of(BATCH_SIZE, batch, SampleCsv.TP, (long) tp, PER_RANK, perRank ? 1L : 0L); }

        Group threads() { return new Group(batch, tp, false); }
    }

    private final ConcurrentLinkedQueue<Observation> observations = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Wait> waits = new ConcurrentLinkedQueue<>();
    private final List<StepReport> steps = new ArrayList<>();
    /** Collectives seen by some ranks of their group only: by their sequence number, the longest duration and the ranks seen. */
    private final Map<Long, long[]> collectives = new HashMap<>();
    private final Map<Integer, Long> collectiveCounts = new HashMap<>();
    /** Per group: the busy steps' intervals, and their host parts (not for a process per rank). */
    private final Map<Group, List<Long>> intervals = new HashMap<>(), hostSteps = new HashMap<>();
    private volatile boolean recording;
    private volatile Group group = new Group(0, 1, false);

    /** Records from now on a group of {@code inFlight} requests served at {@code tp}, its ranks as processes or threads. */
    void start(int inFlight, int tp, boolean perRank) {
        group = new Group(inFlight, tp, perRank);
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
        Group g = group;
        for (int i = 0; i + 1 < seen.size(); i++) {
            StepReport a = seen.get(i), b = seen.get(i + 1);
            if (b.startNanos() - a.endNanos() > BUSY_GAP_NANOS) continue;
            long interval = b.startNanos() - a.startNanos();
            intervals.computeIfAbsent(g, k -> new ArrayList<>()).add(interval);
            if (g.perRank()) continue;
            long waited = 0;
            for (Wait x : w) waited += Math.max(0, Math.min(x.to, b.startNanos()) - Math.max(x.from, a.startNanos()));
            hostSteps.computeIfAbsent(g, k -> new ArrayList<>()).add(interval - waited);
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
            observations.add(new Observation(LAUNCH_LATENCY, group.features(), startedNanos - enqueuedNanos));
        }
    }

    @Override
    public void onHostWakeUp(int device, long waitNanos, long doneNanos, long resumedNanos) {
        if (!recording || device != DRIVER_DEVICE) return;
        waits.add(new Wait(waitNanos, resumedNanos));
        observations.add(new Observation(SYNC_LATENCY, group.features(), resumedNanos - doneNanos));
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
        List<Observation> all = new ArrayList<>(observations);
        all.addAll(hostStepObservations());
        for (Observation o : all) {
            grouped.computeIfAbsent(o.kernel, k -> new LinkedHashMap<>()).computeIfAbsent(o.features, f -> new ArrayList<>()).add(o.nanos);
        }
        List<String> rows = new ArrayList<>();
        grouped.forEach((kernel, shapes) -> shapes.entrySet().stream()
                .sorted(java.util.Comparator.comparing(e -> new TreeMap<>(e.getKey()).toString()))
                .forEach(e -> rows.add(SampleCsv.row(kernel, Math.max(1, trimmedMean(e.getValue())), source, e.getKey()))));
        return rows;
    }

    /** One host-step observation per group: measured with ranks as threads, derived with a process per rank. */
    private List<Observation> hostStepObservations() {
        List<Observation> out = new ArrayList<>();
        hostSteps.forEach((g, host) -> out.add(new Observation(HOST_STEP, g.features(), trimmedMean(host))));
        intervals.forEach((g, mp) -> {
            if (!g.perRank() || !hostSteps.containsKey(g.threads())) return;
            long added = trimmedMean(mp) - trimmedMean(intervals.get(g.threads()));
            out.add(new Observation(HOST_STEP, g.features(), Math.max(1, trimmedMean(hostSteps.get(g.threads())) + added)));
        });
        return out;
    }

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
