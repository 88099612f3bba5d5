package dev.chronoscope.emulator.gpu;

import dev.chronoscope.emulator.stream.event.StreamEvent.Collective;
import dev.chronoscope.emulator.stream.event.StreamEvent.Kernel;
import dev.chronoscope.emulator.stream.event.StreamEvent.TimeJump;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.chronoscope.emulator.gpu.MicrosPredictor.us;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Collectives start when the last rank's stream reaches them and last what the network model says
 * (here: bytes + 1 µs per rank, in ns); launch latency 5 µs.
 */
class CollectiveTest {

    @Test
    void allReduceAcrossFourRanksStartsAtTheLastArrivalAndHoldsBackWorkQueuedBehindIt() throws InterruptedException {
        Gpus gpus = new Gpus(4);
        Communicator world = gpus.cluster.communicatorOfAll();
        // Rank r first runs a kernel of 10·(r+1) µs, so its stream reaches the all-reduce at 5 + 10·(r+1) µs.
        for (int r = 0; r < 3; r++) {
            VirtualDevice gpu = gpus.device(r);
            gpu.launch(gpu.defaultStream(), "attn_post_proj", us(10 * (r + 1)));
            world.allReduce(gpu.defaultStream(), 100_000);
        }
        VirtualDevice rank0 = gpus.device(0);
        rank0.launch(rank0.defaultStream(), "post_attention_layernorm", us(1));
        assertThat(gpus.sink.of(Collective.class)).as("rank 3 has not arrived").isEmpty();
        assertThat(gpus.sink.of(Kernel.class)).as("rank 0's layernorm has no start yet").hasSize(3);

        VirtualDevice rank3 = gpus.device(3);
        rank3.launch(rank3.defaultStream(), "attn_post_proj", us(40));
        world.allReduce(rank3.defaultStream(), 100_000);

        Collective c = gpus.sink.of(Collective.class).getFirst();
        assertThat(c.op()).isEqualTo("all_reduce");
        assertThat(c.bytes()).isEqualTo(100_000);
        assertThat(c.ranks()).containsExactly(0, 1, 2, 3);
        assertThat(c.arrivals()).containsExactly(15_000, 25_000, 35_000, 45_000);
        assertThat(c.time()).isEqualTo(45_000);
        assertThat(c.endTime()).isEqualTo(45_000 + 100_000 + 4_000);
        Kernel layernorm = gpus.sink.of(Kernel.class).getLast();
        assertThat(layernorm.name()).isEqualTo("post_attention_layernorm");
        assertThat(new long[]{layernorm.time(), layernorm.endTime()}).containsExactly(149_000, 150_000);

        rank0.synchronize(rank0.defaultStream());
        assertThat(gpus.clock.now()).isEqualTo(150_000);
    }

    @Test
    void aHostSyncBehindAnUnresolvedCollectiveParksUntilTheLastRankArrives() throws Exception {
        SharedTestClock clock = new SharedTestClock();
        RecordingSink sink = new RecordingSink();
        VirtualCluster cluster = VirtualCluster.builder(Gpus.H100, 4).clock(clock).predictor(new MicrosPredictor()).sink(sink)
                .network(Gpus.BYTES_PLUS_MICROS_PER_RANK).launchLatencyNanos(Gpus.LATENCY).build();
        Communicator world = cluster.communicatorOfAll();
        ConcurrentHashMap<Integer, Long> resumedAt = new ConcurrentHashMap<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();

        List<Thread> ranks = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            int rank = r;
            ranks.add(Thread.ofPlatform().name("rank-" + r).unstarted(() -> {
                try {
                    VirtualDevice gpu = cluster.device(rank);
                    gpu.launch(gpu.defaultStream(), "mlp_down_proj", us(10 * (rank + 1)));
                    world.allReduce(gpu.defaultStream(), 100_000);
                    gpu.synchronize(gpu.defaultStream());
                    resumedAt.put(rank, clock.now());
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        ranks.getFirst().start();
        awaitParked(ranks.getFirst());
        assertThat(resumedAt).as("rank 0 stays blocked while others have not arrived").isEmpty();
        for (Thread t : ranks.subList(1, 4)) t.start();
        for (Thread t : ranks) t.join(Duration.ofSeconds(10));

        assertThat(failures).isEmpty();
        assertThat(ranks).noneMatch(Thread::isAlive);
        assertThat(resumedAt).containsOnlyKeys(0, 1, 2, 3).allSatisfy((rank, t) -> assertThat(t).isEqualTo(149_000L));
        assertThat(sink.of(Collective.class)).singleElement().satisfies(c -> {
            assertThat(c.arrivals()).containsExactly(15_000, 25_000, 35_000, 45_000);
            assertThat(c.time()).isEqualTo(45_000);
        });
        assertThat(sink.of(TimeJump.class)).filteredOn(j -> j.rank() == 0).singleElement()
                .satisfies(j -> assertThat(new long[]{j.time(), j.to()}).containsExactly(0, 149_000));
    }

    private static void awaitParked(Thread t) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (t.getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime()).as(t.getName() + " never parked (state " + t.getState() + ")").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void anEventRecordedBehindAPendingCollectiveHoldsBackTheStreamsThatWaitForIt() throws InterruptedException {
        Gpus gpus = new Gpus(2);
        Communicator world = gpus.cluster.communicatorOfAll();
        VirtualDevice rank0 = gpus.device(0);
        VirtualStream compute = rank0.createStream("compute");   // drained before "comm": needs a second pass
        VirtualStream comm = rank0.createStream("comm");
        VirtualEvent reduced = rank0.createEvent();
        world.allReduce(comm, 1_000);
        rank0.record(reduced, comm);
        rank0.waitEvent(compute, reduced);
        rank0.launch(compute, "mlp_up_proj", us(2));
        assertThat(rank0.isComplete(reduced)).isFalse();
        assertThat(gpus.sink.of(Kernel.class)).isEmpty();

        world.allReduce(gpus.device(1).defaultStream(), 1_000);

        // Both arrive at 5 µs; the all-reduce lasts 1000 + 2·1000 ns; the event completes at its end.
        assertThat(gpus.sink.of(Collective.class)).singleElement()
                .satisfies(c -> assertThat(new long[]{c.time(), c.endTime()}).containsExactly(5_000, 8_000));
        assertThat(gpus.sink.of(Kernel.class)).singleElement()
                .satisfies(k -> assertThat(new long[]{k.time(), k.endTime()}).containsExactly(8_000, 10_000));
        rank0.synchronize(compute);
        assertThat(gpus.clock.now()).isEqualTo(10_000);
    }

    @Test
    void withoutANetworkModelTheClusterUsesAlphaBetaOverItsDevicesLinks() {
        TestClock clock = new TestClock();
        RecordingSink sink = new RecordingSink();
        VirtualCluster cluster = VirtualCluster.builder(Gpus.H100, 2).clock(clock).predictor(new MicrosPredictor()).sink(sink)
                .launchLatencyNanos(Gpus.LATENCY).build();
        Communicator world = cluster.communicatorOfAll();
        world.allReduce(cluster.device(0).defaultStream(), 0);
        world.allReduce(cluster.device(1).defaultStream(), 0);
        // NCCL's LL ring on NVLink: 3.6 µs + 2 × 0.47 µs.
        assertThat(sink.of(Collective.class)).singleElement()
                .satisfies(c -> assertThat(c.endTime() - c.time()).isEqualTo(4_540));
    }

    @Test
    void sendMeetsItsReceiveAndStartsWhenBothStreamsReachIt() {
        Gpus gpus = new Gpus(2);
        Communicator pair = gpus.cluster.communicatorOfAll();
        VirtualDevice stage0 = gpus.device(0);
        VirtualDevice stage1 = gpus.device(1);
        stage0.launch(stage0.defaultStream(), "mlp_down_proj", us(10));   // reaches the send at 15 µs
        pair.send(stage0.defaultStream(), 1_000, 1);
        pair.recv(stage1.defaultStream(), 1_000, 0);                       // idle: reaches the recv at 5 µs

        assertThat(gpus.sink.of(Collective.class)).singleElement().satisfies(c -> {
            assertThat(c.op()).isEqualTo("send_recv");
            assertThat(c.ranks()).containsExactly(0, 1);
            assertThat(c.arrivals()).containsExactly(15_000, 5_000);
            assertThat(new long[]{c.time(), c.endTime()}).containsExactly(15_000, 15_000 + 1_000 + 2_000);
        });
    }

    @Test
    void collectivesCapturedInAGraphMeetWhenTheGraphsAreReplayed() {
        Gpus gpus = new Gpus(2);
        Communicator tp = gpus.cluster.communicatorOfAll();
        List<VirtualGraph> graphs = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            VirtualDevice gpu = gpus.device(r);
            VirtualStream s = gpu.defaultStream();
            gpu.beginCapture(s);
            gpu.launch(s, "attn_post_proj", us(10));
            tp.allReduce(s, 1_000);
            gpu.launch(s, "add", us(1));
            graphs.add(gpu.endCapture(s));
        }
        assertThat(gpus.sink.of(Collective.class)).isEmpty();

        gpus.device(0).launchGraph(graphs.get(0), gpus.device(0).defaultStream());
        gpus.device(1).launchGraph(graphs.get(1), gpus.device(1).defaultStream());

        assertThat(gpus.sink.of(Collective.class)).singleElement()
                .satisfies(c -> assertThat(new long[]{c.time(), c.endTime()}).containsExactly(15_000, 18_000));
        assertThat(gpus.sink.of(Kernel.class)).filteredOn(k -> k.name().equals("add"))
                .extracting(Kernel::time).containsExactly(18_000L, 18_000L);
    }

    @Test
    void ranksThatDisagreeOnACollectiveAreToldWhoCalledWhat() {
        Gpus gpus = new Gpus(2);
        Communicator world = gpus.cluster.communicatorOfAll();
        world.allReduce(gpus.device(0).defaultStream(), 100);

        assertThatThrownBy(() -> world.allGather(gpus.device(1).defaultStream(), 200))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("all_reduce #0 on communicator [0, 1]: rank 1 called all_gather of 200 bytes, "
                        + "but it was started as all_reduce of 100 bytes");

        world.allReduce(gpus.device(1).defaultStream(), 100);
        assertThat(gpus.sink.of(Collective.class)).as("the failed call left the sequence as it was").hasSize(1);
    }

    @Test
    void collectiveInputIsChecked() {
        Gpus gpus = new Gpus(3);
        Communicator pair = gpus.cluster.communicator(gpus.device(0), gpus.device(1));
        assertThatThrownBy(() -> pair.allReduce(gpus.device(0).defaultStream(), -8))
                .isInstanceOfSatisfying(CudaException.class, e -> assertThat(e.error()).isEqualTo(CudaError.cudaErrorInvalidValue))
                .hasMessageContaining("size must be ≥ 0 bytes but was -8");
        assertThatThrownBy(() -> pair.allReduce(gpus.device(2).defaultStream(), 8))
                .hasMessage("rank 2 is not a member of communicator [0, 1]");
        assertThatThrownBy(() -> pair.send(gpus.device(0).defaultStream(), 8, 2))
                .hasMessage("peer rank 2 is not a member of communicator [0, 1]");
        assertThatThrownBy(() -> gpus.cluster.communicator(gpus.device(0), gpus.device(0)))
                .hasMessage("communicator: a device appears twice in [0, 0]");
    }
}
