package dev.chronoscope.emulator.gpu;

import dev.chronoscope.emulator.coord.CollectiveCostModel;
import dev.chronoscope.emulator.coord.CoordinationFailure;
import dev.chronoscope.emulator.coord.CoordinatorOptions;
import dev.chronoscope.emulator.coord.client.ClientOptions;
import dev.chronoscope.emulator.coord.client.CoordinatedCollectives;
import dev.chronoscope.emulator.coord.client.CoordinatedTimeGate;
import dev.chronoscope.emulator.coord.client.CoordinatorClient;
import dev.chronoscope.emulator.coord.client.PlatformCalls;
import dev.chronoscope.emulator.coord.server.Coordinator;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import dev.chronoscope.emulator.time.Emulation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.chronoscope.emulator.gpu.MicrosPredictor.us;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two pipeline stages as two emulations (two processes) whose send/recv meet at a real coordinator
 * over TCP give the same timelines as the same stages in one virtual cluster (DESIGN §10); a send
 * whose receiver never comes fails the run naming both ranks.
 */
class PipelineAcrossProcessesTest {
    private static final Duration BOUND = Duration.ofSeconds(30);
    /** The coordinator's side of {@link Gpus#BYTES_PLUS_MICROS_PER_RANK}. */
    private static final CollectiveCostModel SAME_NETWORK = (op, bytes, ranks) -> bytes + 1_000L * ranks;
    private static final int[] PIPELINE = {0, 1};

    /** Stage 0 computes and sends activations, stage 1 receives, computes and sends back a token; both sync per step. */
    private interface Stage {
        void run(int rank, VirtualDevice gpu, Communicator pp) throws InterruptedException;
    }

    private static final Stage PING_PONG = (rank, gpu, pp) -> {
        VirtualStream s = gpu.defaultStream();
        for (int step = 0; step < 3; step++) {
            if (rank == 0) {
                gpu.launch(s, "mlp_down_proj", us(10 * (step + 1)));
                pp.send(s, 4_096, 1);
                pp.recv(s, 64, 1);
            } else {
                pp.recv(s, 4_096, 0);
                gpu.launch(s, "lm_head", us(7));
                pp.send(s, 64, 0);
            }
            gpu.synchronize(s);
        }
    };

    private static VirtualCluster.Builder devices(Emulation emulation, RecordingSink sink, int count) {
        return VirtualCluster.builder(Gpus.H100, count).clock(emulation).predictor(new MicrosPredictor()).sink(sink)
                .network(Gpus.BYTES_PLUS_MICROS_PER_RANK).launchLatencyNanos(Gpus.LATENCY);
    }

    private static Runnable body(Stage stage, int rank, VirtualDevice gpu, Communicator pp) {
        return () -> {
            try {
                stage.run(rank, gpu, pp);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static List<String> timeline(List<StreamEvent> events) {
        List<String> lines = new ArrayList<>();
        for (StreamEvent e : events) {
            if (e instanceof StreamEvent.Kernel k) lines.add("rank " + k.rank() + " " + k.name() + " " + k.time() + ".." + k.endTime());
            if (e instanceof StreamEvent.Collective c) lines.add(c.op() + " " + c.time() + ".." + c.endTime());
        }
        return lines.stream().distinct().sorted().toList();
    }

    /** One emulated process hosting one stage, joined to the coordinator. */
    private record StageProcess(Emulation emulation, CoordinatorClient client, CoordinatedTimeGate gate, RecordingSink sink) {
        static StageProcess start(Coordinator coordinator, Stage stage, int rank) throws Exception {
            Emulation emulation = Emulation.builder().name("stage" + rank).build();
            CoordinatorClient client = CoordinatorClient.connect(
                    ClientOptions.local(coordinator.port(), coordinator.token(), "stage" + rank, rank));
            CoordinatedTimeGate gate = new CoordinatedTimeGate(client, emulation::globalTime, 0, "stage" + rank);
            emulation.coordinate(gate);
            RecordingSink sink = new RecordingSink();
            VirtualCluster cluster = devices(emulation, sink, 1).firstRank(rank).build();
            Communicator pp = cluster.remoteCommunicator(cluster.device(0), PIPELINE,
                    new CoordinatedCollectives(client, emulation, new PlatformCalls("stage" + rank + "-calls")));
            emulation.start("stage" + rank, body(stage, rank, cluster.device(0), pp));
            return new StageProcess(emulation, client, gate, sink);
        }

        /** Runs the emulation to its end on a platform thread, then says GOODBYE. */
        CompletableFuture<Long> run() {
            return CompletableFuture.supplyAsync(() -> {
                try (emulation) {
                    long end = emulation.awaitCompletion(BOUND);
                    gate.close();
                    client.finish(end);
                    return end;
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                } finally {
                    client.close();
                }
            }, task -> Thread.ofPlatform().start(task));
        }
    }

    @Test
    void stagesInTwoProcessesRunTheSameTimelinesAsInOneCluster() throws Exception {
        RecordingSink together = new RecordingSink();
        long endTogether;
        try (Emulation emulation = Emulation.builder().name("one-process").build()) {
            VirtualCluster cluster = devices(emulation, together, 2).build();
            Communicator pp = cluster.communicatorOfAll();
            for (int r = 0; r < 2; r++) emulation.start("stage" + r, body(PING_PONG, r, cluster.device(r), pp));
            endTogether = emulation.awaitCompletion(BOUND);
        }

        List<StreamEvent> apart = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        try (Coordinator coordinator = Coordinator.start(CoordinatorOptions.defaults(2).withCostModel(SAME_NETWORK))) {
            StageProcess stage0 = StageProcess.start(coordinator, PING_PONG, 0);
            StageProcess stage1 = StageProcess.start(coordinator, PING_PONG, 1);
            CompletableFuture<Long> end0 = stage0.run(), end1 = stage1.run();
            assertThat(coordinator.awaitCompletion(BOUND).finalTime()).isEqualTo(endTogether);
            ends.add(end0.get(BOUND.toSeconds(), TimeUnit.SECONDS));
            ends.add(end1.get(BOUND.toSeconds(), TimeUnit.SECONDS));
            apart.addAll(stage0.sink().all());
            apart.addAll(stage1.sink().all());
        }

        assertThat(ends).containsOnly(endTogether);
        List<String> expected = timeline(together.all());
        assertThat(expected).filteredOn(line -> line.startsWith("send_recv")).hasSize(6);
        assertThat(timeline(apart)).isEqualTo(expected);
    }

    @Test
    void aSendWhoseReceiverNeverComesFailsTheRunNamingSenderAndReceiver() throws Exception {
        Stage receiverThatForgets = (rank, gpu, pp) -> {
            if (rank == 0) PING_PONG.run(rank, gpu, pp);
        };
        try (Coordinator coordinator = Coordinator.start(CoordinatorOptions.defaults(2).withCostModel(SAME_NETWORK))) {
            CompletableFuture<Long> sender = StageProcess.start(coordinator, receiverThatForgets, 0).run();
            CompletableFuture<Long> receiver = StageProcess.start(coordinator, receiverThatForgets, 1).run();

            String expected = "deadlock at virtual time 0 ns: every client is blocked with no wake-up ('stage0' (id 0, pid "
                    + ProcessHandle.current().pid() + ")); pending: send_recv #0 from rank 0 to rank 1 ('group[0, 1]:0->1'): "
                    + "arrived rank 0 at 15000 ns; never arrived: rank 1";
            assertThatThrownBy(() -> coordinator.awaitCompletion(BOUND)).isInstanceOf(CoordinationFailure.class)
                    .hasMessage(expected);
            assertThat(receiver.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isZero();
            assertThatThrownBy(() -> sender.get(BOUND.toSeconds(), TimeUnit.SECONDS))
                    .hasRootCauseInstanceOf(CoordinationFailure.class).hasRootCauseMessage(expected);
        }
    }
}
