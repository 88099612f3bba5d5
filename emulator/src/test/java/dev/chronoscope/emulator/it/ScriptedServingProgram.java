package dev.chronoscope.emulator.it;

import dev.chronoscope.emulator.gpu.Communicator;
import dev.chronoscope.emulator.gpu.VirtualCluster;
import dev.chronoscope.emulator.gpu.VirtualDevice;
import dev.chronoscope.emulator.gpu.VirtualEvent;
import dev.chronoscope.emulator.gpu.VirtualStream;
import dev.chronoscope.emulator.gpu.catalog.DeviceCatalog;
import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.session.RecordedEmulation;
import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import dev.chronoscope.emulator.stream.event.StreamEvent.RequestPhase;
import dev.chronoscope.emulator.time.Emulation;
import dev.chronoscope.emulator.time.JdkTimeInstrumentation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * A scripted multi-threaded host program shaped like a tensor-parallel serving step: a coordinating
 * thread hands each step to one host thread per rank through a {@link BlockingQueue} and collects
 * the ranks' results through {@link CompletableFuture}s (a timed get, so virtual-time JDK waits are part of it). Every rank launches attention on its
 * compute stream and a KV-cache save on a side stream, orders them with an event, launches the MLP,
 * all-reduces across the 4 ranks and synchronises. The coordinator emits each step's request
 * lifecycle, as an engine would. {@code ScriptedProgramTimelineTest} works the timeline out by hand.
 */
final class ScriptedServingProgram {
    static final int RANKS = 4;
    /** Tokens of each step, one step per request. */
    static final int[] STEP_TOKENS = {1_000, 2_000};
    static final long LAUNCH_LATENCY_NANOS = 4_000;
    /** Host overhead the coordinator is charged to schedule a step. */
    static final long SCHEDULE_NANOS = 2_000;
    /** Rank r is charged r times this before launching: ranks arrive at the all-reduce at different times. */
    static final long RANK_SKEW_NANOS = 1_000;
    /** 1.5 MB: the all-reduce is latency- and bandwidth-bound in round numbers on H100 NVLink. */
    static final long ALL_REDUCE_BYTES = 1_500_000;
    static final long WEIGHT_BYTES = 16L << 30;
    static final long EPOCH_MILLIS = 1_790_000_000_000L;
    /** How long (virtual time) the coordinator waits for a rank before giving up: a timed JDK wait. */
    static final long RANK_TIMEOUT_MILLIS = 1_000;

    private record Work(int tokens, CompletableFuture<Long> done) {}

    private static final Work STOP = new Work(0, null);

    private ScriptedServingProgram() {}

    /** Records one run of the program into {@code sink} (closed at the end) and returns the final virtual time. */
    static long record(EventSink sink) throws InterruptedException {
        // The coordinator's timed Future.get computes its deadline with System.nanoTime inside the JDK.
        JdkTimeInstrumentation.install(ByteBuddyAgent.install());
        try (RecordedEmulation run = RecordedEmulation.builder("scripted-tp4")
                .scenarioJson("{\"program\":\"scripted-tp4\",\"ranks\":4}")
                .versions(Map.of("chronoscope", "test", "predictor", "token-rate@1", "network", "alpha-beta/h100-sxm", "engine", "scripted"))
                .wallClockEpochMillis(EPOCH_MILLIS)
                .process(0, "scripted-host")
                .devices(DeviceCatalog.standard().get("h100-sxm"), RANKS)
                .predictor(new TokenRatePredictor())
                .launchLatencyNanos(LAUNCH_LATENCY_NANOS)
                .sink(sink)
                .build()) {
            start(run);
            return run.run(Duration.ofSeconds(30));
        }
    }

    private static void start(RecordedEmulation run) {
        Emulation emulation = run.emulation();
        VirtualCluster cluster = run.cluster();
        Communicator tp = cluster.communicatorOfAll();
        List<BlockingQueue<Work>> inboxes = new ArrayList<>();
        for (int r = 0; r < RANKS; r++) {
            BlockingQueue<Work> inbox = new LinkedBlockingQueue<>();
            inboxes.add(inbox);
            VirtualDevice gpu = cluster.device(r);
            long skew = r * RANK_SKEW_NANOS;
            emulation.start("rank-" + r, () -> rankLoop(emulation, gpu, tp, inbox, skew));
        }
        emulation.start("coordinator", () -> coordinate(emulation, run.sink(), inboxes));
    }

    private static void rankLoop(Emulation emulation, VirtualDevice gpu, Communicator tp, BlockingQueue<Work> inbox, long skew) {
        try {
            gpu.malloc(WEIGHT_BYTES, "weights");
            VirtualStream compute = gpu.createStream("compute");
            VirtualStream side = gpu.createStream("kv-save");
            VirtualEvent kvSaved = gpu.createEvent();
            for (Work work; (work = inbox.take()) != STOP; ) {
                emulation.charge(skew);
                Features shape = Features.of("num_tokens", work.tokens());
                gpu.launch(compute, "attn_pre_proj", shape);
                gpu.launch(side, "attn_kv_cache_save", shape);
                gpu.record(kvSaved, side);
                gpu.waitEvent(compute, kvSaved);
                gpu.launch(compute, "mlp_up_proj", shape);
                tp.allReduce(compute, ALL_REDUCE_BYTES);
                gpu.synchronize(compute);
                work.done().complete(emulation.now());
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void coordinate(Emulation emulation, EventSink sink, List<BlockingQueue<Work>> inboxes) {
        try {
            for (int step = 0; step < STEP_TOKENS.length; step++) {
                String request = "req-" + step;
                sink.accept(new StreamEvent.Request(emulation.now(), request, RequestPhase.ARRIVED, STEP_TOKENS[step]));
                emulation.charge(SCHEDULE_NANOS);
                sink.accept(new StreamEvent.Request(emulation.now(), request, RequestPhase.SCHEDULED, 0));
                List<CompletableFuture<Long>> results = new ArrayList<>();
                for (BlockingQueue<Work> inbox : inboxes) {
                    CompletableFuture<Long> done = new CompletableFuture<>();
                    results.add(done);
                    inbox.put(new Work(STEP_TOKENS[step], done));
                }
                for (CompletableFuture<Long> done : results) {
                    long rankEnd = done.get(RANK_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
                    if (rankEnd != emulation.now()) {
                        throw new IllegalStateException("a rank finished at " + rankEnd + " but its result arrived at " + emulation.now());
                    }
                }
                sink.accept(new StreamEvent.Request(emulation.now(), request, RequestPhase.FINISHED, 1));
            }
            for (BlockingQueue<Work> inbox : inboxes) inbox.put(STOP);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }
}
