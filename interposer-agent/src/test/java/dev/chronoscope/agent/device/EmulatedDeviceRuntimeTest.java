package dev.chronoscope.agent.device;

import dev.chronoscope.emulator.gpu.VirtualCluster;
import dev.chronoscope.emulator.gpu.catalog.DeviceCatalog;
import dev.chronoscope.emulator.models.Features;
import dev.chronoscope.emulator.models.KernelPredictor;
import dev.chronoscope.emulator.models.Prediction;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import dev.chronoscope.emulator.time.Emulation;
import dev.chronoscope.emulator.time.JdkTimeInstrumentation;
import dev.chronoscope.engine.device.CollectiveTransport;
import dev.chronoscope.engine.device.Communicator;
import dev.chronoscope.engine.device.DType;
import dev.chronoscope.engine.device.DeviceOutOfMemoryError;
import dev.chronoscope.engine.device.DevicePtr;
import dev.chronoscope.engine.device.DeviceRuntime;
import dev.chronoscope.engine.device.Graph;
import dev.chronoscope.engine.device.KernelLaunch;
import dev.chronoscope.engine.device.Stream;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine's device API on virtual H100s, driven from emulated threads as the engine's rank hosts drive it. */
class EmulatedDeviceRuntimeTest {
    /** Every kernel lasts 1 µs per token of its num_tokens (or per unit of sum_kv for decode attention). */
    private static final KernelPredictor PER_TOKEN = (device, kernel, f) -> new Prediction(
            1_000L * (long) (f.has("sum_kv") ? f.get("sum_kv", 0) : f.get("num_tokens", 1)), "test/" + kernel + "@1", false);
    private static final long LAUNCH = VirtualCluster.DEFAULT_LAUNCH_LATENCY_NANOS;

    private final List<StreamEvent> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void instrument() {
        JdkTimeInstrumentation.install(ByteBuddyAgent.install());
    }

    private static KernelLaunch kernel(String name, Map<String, Long> shape) {
        return new KernelLaunch(name, shape, Map.of(), List.of());
    }

    /** Runs {@code body(rank, device)} for each of {@code gpus} ranks on its own emulated thread. */
    private void emulate(int gpus, RankBody body) throws InterruptedException {
        try (Emulation emulation = Emulation.builder().build()) {
            VirtualCluster cluster = VirtualCluster.builder(DeviceCatalog.standard().get("h100-sxm"), gpus)
                    .clock(emulation).predictor(PER_TOKEN).sink(events::add).build();
            EmulatedDevices devices = new EmulatedDevices(cluster, 0);
            for (int r = 0; r < gpus; r++) {
                int rank = r;
                emulation.start("rank-" + r, () -> body.run(rank, devices.open(rank), emulation));
            }
            emulation.awaitCompletion(Duration.ofSeconds(30));
        }
    }

    interface RankBody {
        void run(int rank, DeviceRuntime device, Emulation emulation);
    }

    private static CollectiveTransport transport(int rank, int size) {
        return new CollectiveTransport() {
            public int rank() { return rank; }
            public int size() { return size; }
            public void allReduceSum(float[] data, int offset, int count) { throw new AssertionError("no data moves"); }
            public void allGather(float[] data, int offset, int count, float[] out, int outOffset) { throw new AssertionError(); }
            public void send(int peer, float[] data, int offset, int count) { throw new AssertionError(); }
            public void recv(int peer, float[] data, int offset, int count) { throw new AssertionError(); }
            public void close() {}
        };
    }

    @Test
    void anH100HoldsSeventyGibibytesOfWeightsWithoutHostMemoryAndRefusesTheNextTwentyAsTheEnginesOwnError() throws Exception {
        List<Object> seen = new ArrayList<>();
        emulate(1, (rank, rt, emulation) -> {
            seen.add(rt.properties().totalMemoryBytes());
            rt.malloc(DType.BF16, 35L << 30);
            seen.add(rt.memoryInfo().freeBytes());
            try {
                rt.malloc(DType.BF16, 10L << 30);
            } catch (DeviceOutOfMemoryError e) {
                seen.add(e.getMessage());
            }
        });
        assertThat(seen).containsExactly(80L << 30, 10L << 30,
                "CUDA out of memory. Tried to allocate 20.00 GiB. GPU 0 has a total capacity of 80.00 GiB of which 10.00 GiB is free."
                        + " Of the allocated memory 70.00 GiB is allocated by this process in 1 live allocation.");
    }

    @Test
    void kernelsTakeTheirPredictedTimeAndAReadBackIsATimeJumpThatDeliversZeros() throws Exception {
        List<Object> seen = new ArrayList<>();
        emulate(1, (rank, rt, emulation) -> {
            Stream s = rt.createStream();
            DevicePtr sampled = rt.malloc(DType.I32, 4);
            rt.launch(kernel("mlp_up_proj", Map.of("num_tokens", 100L, "num_tensor_parallel_workers", 1L)), s);
            rt.launch(kernel("sampler", Map.of("num_tokens", 4L)), s);
            seen.add(emulation.now());
            int[] tokens = {7, 7, 7, 7};
            rt.copyDeviceToHost(sampled, tokens, 0, 4, s);
            seen.add(tokens.clone());
            seen.add(emulation.now());
        });
        long copyEnd = (long) seen.get(2);
        assertThat(seen.get(0)).isEqualTo(0L);
        assertThat((int[]) seen.get(1)).containsExactly(0, 0, 0, 0);
        // Kernels back to back from the launch latency; the 16-byte copy after them (PCIe: a fraction of a ns).
        assertThat(copyEnd).isBetween(LAUNCH + 104_000, LAUNCH + 104_001);
        StreamEvent.Kernel up = events.stream().filter(e -> e instanceof StreamEvent.Kernel k && k.name().equals("mlp_up_proj"))
                .map(StreamEvent.Kernel.class::cast).findFirst().orElseThrow();
        assertThat(up.features()).isEqualTo(Features.of("num_tokens", 100, "tp", 1));
        assertThat(up.time()).isEqualTo(LAUNCH);
        assertThat(up.endTime()).isEqualTo(LAUNCH + 100_000);
    }

    @Test
    void aReplayedGraphTakesTheReplaysDataDependentShape() throws Exception {
        emulate(1, (rank, rt, emulation) -> {
            Stream s = rt.createStream();
            rt.beginCapture(s);
            rt.launch(kernel("attn_decode", Map.of("batch_size", 8L, "sum_kv", 0L)), s);
            rt.launch(kernel("add", Map.of("num_tokens", 8L)), s);
            assertThatThrownBy(() -> rt.copyDeviceToHost(rt.malloc(DType.I32, 1), new int[1], 0, 1, s))
                    .hasMessageContaining("cudaErrorStreamCaptureUnsupported: copyDeviceToHost");
            Graph g = rt.endCapture(s);
            rt.replayGraph(g, Map.of("sum_kv", 50L), s);
            rt.replayGraph(g, Map.of("sum_kv", 20L), s);
            rt.synchronizeStream(s);
        });
        List<Long> durations = events.stream().filter(e -> e instanceof StreamEvent.Kernel)
                .map(e -> ((StreamEvent.Kernel) e).duration()).toList();
        assertThat(durations).containsExactly(50_000L, 8_000L, 20_000L, 8_000L);
    }

    @Test
    void aReplayedGraphWithCollectivesBetweenItsKernelsTimesEveryKernelAsEagerLaunchesWould() throws Exception {
        List<String> replayed = tensorParallelSteps(true);
        events.clear();
        List<String> eager = tensorParallelSteps(false);
        assertThat(replayed).hasSize(2 * 3 * 4).isEqualTo(eager);
    }

    /** Three steps of kernel, all-reduce, decode attention, kernel on two ranks; their kernels as "rank name start..end features". */
    private List<String> tensorParallelSteps(boolean graphs) throws Exception {
        emulate(2, (rank, rt, emulation) -> {
            Communicator tp = rt.initCommunicator(transport(rank, 2));
            Stream s = rt.createStream();
            DevicePtr hidden = rt.malloc(DType.BF16, 4096);
            Map<String, Long> tokens = Map.of("num_tokens", 8L, "num_tensor_parallel_workers", 2L);
            Graph graph = null;
            for (long step = 1; step <= 3; step++) {
                Map<String, Long> attention = Map.of("batch_size", 8L, "sum_kv", 0L);
                if (graphs && graph == null) rt.beginCapture(s);
                if (!graphs || graph == null) {
                    rt.launch(kernel("attn_pre_proj", tokens), s);
                    rt.allReduce(tp, hidden, s);
                    rt.launch(kernel("attn_decode", graphs ? attention : Map.of("batch_size", 8L, "sum_kv", 10 * step)), s);
                    rt.launch(kernel("add", tokens), s);
                }
                if (graphs && graph == null) graph = rt.endCapture(s);
                if (graphs) rt.replayGraph(graph, Map.of("sum_kv", 10 * step), s);
                rt.launch(kernel("mlp_act", tokens), s);
                rt.synchronizeStream(s);
            }
        });
        return events.stream().filter(e -> e instanceof StreamEvent.Kernel).map(StreamEvent.Kernel.class::cast)
                .map(k -> k.rank() + " " + k.name() + " " + k.time() + ".." + k.endTime() + " " + k.features()).sorted().toList();
    }

    @Test
    void tensorAndPipelineGroupsNestAsTheEngineBuildsThemAndCollectivesMeet() throws Exception {
        Map<Integer, List<Integer>> tpPeers = new ConcurrentHashMap<>();
        emulate(4, (rank, rt, emulation) -> {
            int tp = 2;
            Communicator tpComm = rt.initCommunicator(transport(rank % tp, tp));
            Communicator ppComm = rt.initCommunicator(transport(rank / tp, 2));
            Stream s = rt.createStream();
            DevicePtr hidden = rt.malloc(DType.BF16, 1024);
            rt.launch(kernel("add", Map.of("num_tokens", rank + 1L)), s);
            rt.allReduce(tpComm, hidden, s);
            if (rank / tp == 0) rt.send(ppComm, hidden, 1, s);
            else rt.recv(ppComm, hidden, 0, s);
            rt.synchronizeStream(s);
            tpPeers.put(rank, List.of(tpComm.rank(), ppComm.rank()));
        });
        List<StreamEvent.Collective> collectives = events.stream().filter(e -> e instanceof StreamEvent.Collective)
                .map(StreamEvent.Collective.class::cast).toList();
        assertThat(collectives).extracting(c -> c.op() + java.util.Arrays.toString(c.ranks()))
                .containsExactlyInAnyOrder("all_reduce[0, 1]", "all_reduce[2, 3]", "send_recv[0, 2]", "send_recv[1, 3]");
        StreamEvent.Collective first = collectives.stream().filter(c -> c.ranks()[0] == 0 && c.op().equals("all_reduce")).findFirst().orElseThrow();
        // The all-reduce starts when the slower rank (2 µs of work) arrives.
        assertThat(first.time()).isEqualTo(LAUNCH + 2_000);
        assertThat(tpPeers).containsEntry(3, List.of(1, 1));
    }

    @Test
    void aDeviceTheProcessDoesNotEmulateIsRefusedWithTheCount() {
        try (Emulation emulation = Emulation.builder().build()) {
            VirtualCluster cluster = VirtualCluster.builder(DeviceCatalog.standard().get("h100-sxm"), 2)
                    .clock(emulation).predictor(PER_TOKEN).build();
            assertThatThrownBy(() -> new EmulatedDevices(cluster, 0).open(2))
                    .hasMessageContaining("opened device 2, but this process emulates 2 h100-sxm device(s), ranks 0..1");
        }
    }
}
