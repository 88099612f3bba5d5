package dev.chronoscope.emulator.gpu;

import dev.chronoscope.emulator.gpu.net.CollectiveOp;
import dev.chronoscope.emulator.stream.event.StreamEvent.Collective;
import dev.chronoscope.emulator.stream.event.StreamEvent.Kernel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.chronoscope.emulator.gpu.MicrosPredictor.us;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Send/recv with a peer in another process (per-rank emulation of pipeline stages): each end is
 * reported with the pair's own sequence, and the coordinator's answer times the stream.
 */
class RemoteTransferTest {

    /** One end of a transfer as reported to the other processes. */
    record End(int[] group, int from, int to, long sequence, long bytes, boolean sending, long arrival,
               RemoteCollectives.Resolution resolution) {}

    private static final class RecordingRemote implements RemoteCollectives {
        final List<End> transfers = new ArrayList<>();

        @Override
        public void arrive(int[] group, long sequence, CollectiveOp op, long bytes, int groupRank, long arrival, Resolution resolution) {
            throw new AssertionError("a send/recv is not a group collective");
        }

        @Override
        public void transfer(int[] group, int from, int to, long sequence, long bytes, boolean sending, long arrival,
                             Resolution resolution) {
            transfers.add(new End(group, from, to, sequence, bytes, sending, arrival, resolution));
        }
    }

    @Test
    void eachDirectionIsNumberedOnItsOwnAndTheCoordinatorsTimingHoldsBackLaterWork() {
        RecordingSink sink = new RecordingSink();
        VirtualCluster cluster = VirtualCluster.builder(Gpus.H100, 1).firstRank(0).clock(new TestClock())
                .predictor(new MicrosPredictor()).sink(sink).network(Gpus.BYTES_PLUS_MICROS_PER_RANK)
                .launchLatencyNanos(Gpus.LATENCY).build();
        RecordingRemote remote = new RecordingRemote();
        VirtualDevice stage0 = cluster.device(0);
        VirtualStream s = stage0.defaultStream();
        Communicator pp = cluster.remoteCommunicator(stage0, new int[]{0, 2}, remote);

        stage0.launch(s, "mlp_down_proj", us(10));   // the stream reaches the send at 15 µs
        pp.send(s, 4_096, 2);
        stage0.launch(s, "add", us(1));
        pp.recv(s, 512, 2);
        pp.send(s, 4_096, 2);

        assertThat(remote.transfers).singleElement().satisfies(e -> {
            assertThat(e.group()).containsExactly(0, 2);
            assertThat(new long[]{e.from(), e.to(), e.sequence(), e.bytes(), e.arrival()}).containsExactly(0, 2, 0, 4_096, 15_000);
            assertThat(e.sending()).isTrue();
        });
        assertThat(sink.of(Kernel.class)).as("the add waits behind the unresolved send").hasSize(1);

        remote.transfers.getFirst().resolution().resolve(40_000, 47_000);
        assertThat(sink.of(Kernel.class).getLast()).satisfies(add ->
                assertThat(new long[]{add.time(), add.endTime()}).containsExactly(47_000, 48_000));
        assertThat(remote.transfers).hasSize(2);
        End recv = remote.transfers.get(1);
        assertThat(new long[]{recv.from(), recv.to(), recv.sequence(), recv.bytes(), recv.arrival()}).containsExactly(2, 0, 0, 512, 48_000);
        assertThat(recv.sending()).isFalse();

        recv.resolution().resolve(60_000, 61_000);
        End second = remote.transfers.get(2);
        assertThat(new long[]{second.from(), second.to(), second.sequence(), second.arrival()}).containsExactly(0, 2, 1, 61_000);
        assertThat(sink.of(Collective.class)).extracting(Collective::op, Collective::time, Collective::endTime)
                .containsExactly(tuple("send_recv", 40_000L, 47_000L),
                        tuple("send_recv", 60_000L, 61_000L));
    }
}
