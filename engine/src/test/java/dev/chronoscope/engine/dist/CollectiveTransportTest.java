package dev.chronoscope.engine.dist;

import dev.chronoscope.engine.device.CollectiveTransport;
import dev.chronoscope.engine.device.DeviceException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CollectiveTransportTest {

    /** Runs {@code body} on every rank of a 3-rank group at once. */
    private static List<float[]> onThreeRanks(IntFunction<CollectiveTransport> transports, java.util.function.BiFunction<CollectiveTransport, Integer, float[]> body)
            throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            List<CompletableFuture<float[]>> results = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                int rank = r;
                results.add(CompletableFuture.supplyAsync(() -> body.apply(transports.apply(rank), rank), pool));
            }
            List<float[]> out = new ArrayList<>();
            for (var f : results) out.add(f.get(30, TimeUnit.SECONDS));
            return out;
        }
    }

    private static float[] exercise(CollectiveTransport t, int rank) {
        float[] data = {rank + 1, 10f * (rank + 1)};
        t.allReduceSum(data, 0, 2);
        float[] gathered = new float[3];
        t.allGather(new float[]{rank}, 0, 1, gathered, 0);
        float[] ring = new float[1];
        t.send((rank + 1) % 3, new float[]{100 + rank}, 0, 1);
        t.recv((rank + 2) % 3, ring, 0, 1);
        return new float[]{data[0], data[1], gathered[0], gathered[1], gathered[2], ring[0]};
    }

    @Test
    void inProcessCollectivesGiveEveryRankTheSameResult() throws Exception {
        InProcessGroup group = new InProcessGroup(3);
        for (float[] r : onThreeRanks(group::transport, CollectiveTransportTest::exercise)) {
            assertThat(r).startsWith(6f, 60f, 0f, 1f, 2f);
        }
    }

    @Test
    void tcpCollectivesMatchInProcessOnes() throws Exception {
        ServerSocket[] servers = {TcpMesh.listen(), TcpMesh.listen(), TcpMesh.listen()};
        List<Integer> ports = List.of(servers[0].getLocalPort(), servers[1].getLocalPort(), servers[2].getLocalPort());
        TcpMesh[] meshes = new TcpMesh[3];
        List<float[]> results = onThreeRanks(rank -> {
            try {
                meshes[rank] = TcpMesh.connect(rank, servers[rank], ports);
                return new TcpGroupTransport(meshes[rank], new int[]{0, 1, 2});
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, CollectiveTransportTest::exercise);
        for (int rank = 0; rank < 3; rank++) {
            assertThat(results.get(rank)).containsExactly(6f, 60f, 0f, 1f, 2f, 100 + (rank + 2) % 3);
            meshes[rank].close();
            servers[rank].close();
        }
    }

    @Test
    void abortReleasesARankWaitingToReceive() throws Exception {
        InProcessGroup group = new InProcessGroup(2);
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> group.transport(1).recv(0, new float[1], 0, 1));
        group.abort();
        assertThatThrownBy(() -> waiting.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(DeviceException.class)
                .hasMessageContaining("aborted");
    }
}
