package dev.chronoscope.emulator.coord;

import dev.chronoscope.emulator.coord.client.ClientOptions;
import dev.chronoscope.emulator.coord.client.CoordinatorClient;
import dev.chronoscope.emulator.coord.local.LocalTimeCoordinator;
import dev.chronoscope.emulator.coord.server.Coordinator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN §10's invariant: the same scenario gives identical results in one process and split over
 * several; and deterministic mode replays the same grant sequence every time.
 */
class SplitInvarianceTest {

    private static final int RANKS = 4;
    private static final Duration BOUND = Duration.ofSeconds(30);

    private record Outcome(Map<Integer, List<Long>> timelines, List<GrantRecord> grants) {}

    /** Runs the ring scenario with the ranks split into the given processes (client id = list index). */
    private static Outcome run(AdvanceMode mode, List<List<Integer>> split) throws Exception {
        try (Coordinator coordinator = Coordinator.start(CoordinatorOptions.defaults(split.size()).withMode(mode))) {
            List<EmulatedProcess> processes = new ArrayList<>();
            for (List<Integer> ranks : split) {
                processes.add(new EmulatedProcess(ranks, RANKS));
            }
            EmulatedProcess.Transport transport = (toRank, envelope) -> Thread.startVirtualThread(() ->
                    processes.stream().filter(p -> p.hosts(toRank)).findFirst().orElseThrow().accept(toRank, envelope));
            List<CompletableFuture<Map<Integer, List<Long>>>> runs = new ArrayList<>();
            for (int p = 0; p < processes.size(); p++) {
                int id = p;
                runs.add(CompletableFuture.supplyAsync(() -> {
                    try (CoordinatorClient client = CoordinatorClient.connect(
                            ClientOptions.local(coordinator.port(), coordinator.token(), "proc" + id, id))) {
                        return processes.get(id).run(client, transport);
                    } catch (Exception e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                }, Thread::startVirtualThread));
            }
            RunResult result = coordinator.awaitCompletion(BOUND);
            Map<Integer, List<Long>> timelines = new TreeMap<>();
            for (var run : runs) {
                timelines.putAll(run.get());
            }
            return new Outcome(timelines, result.grants());
        }
    }

    /** All ranks in this process, no coordinator server at all. */
    private static Map<Integer, List<Long>> runWithoutCoordinator() throws InterruptedException {
        EmulatedProcess process = new EmulatedProcess(List.of(0, 1, 2, 3), RANKS);
        EmulatedProcess.Transport unused = (toRank, envelope) -> {
            throw new AssertionError("a one-process run has no inter-process messages");
        };
        return process.run(new LocalTimeCoordinator(AlphaBetaCostModel.NVLINK_PLACEHOLDER), unused);
    }

    @Test
    void oneProcessAndSeveralProcessesGiveIdenticalTimelines() throws Exception {
        Map<Integer, List<Long>> local = runWithoutCoordinator();
        Outcome single = run(AdvanceMode.DETERMINISTIC, List.of(List.of(0, 1, 2, 3)));
        Outcome pairs = run(AdvanceMode.DETERMINISTIC, List.of(List.of(0, 2), List.of(1, 3)));
        Outcome separate = run(AdvanceMode.DETERMINISTIC, List.of(List.of(0), List.of(1), List.of(2), List.of(3)));
        Outcome parallel = run(AdvanceMode.PARALLEL, List.of(List.of(0), List.of(1), List.of(2), List.of(3)));

        // First all-reduce: the last rank arrives at 1000 + 3*137 = 1411; the placeholder alpha-beta model
        // gives 2*(4-1) steps of 2000 ns + round(8192/4 bytes / 100 bytes/ns) = 6 * 2020 = 12120 ns.
        long firstAllReduceEnd = 1_411 + 12_120;
        for (int rank = 0; rank < RANKS; rank++) {
            assertThat(single.timelines().get(rank).get(0)).isEqualTo(1_000 + 137L * rank);
        }
        assertThat(single.timelines().get(3).get(2)).as("rank 3 sends when the all-reduce ends").isEqualTo(firstAllReduceEnd);
        assertThat(single.timelines()).isEqualTo(local);
        assertThat(pairs.timelines()).isEqualTo(single.timelines());
        assertThat(separate.timelines()).isEqualTo(single.timelines());
        assertThat(parallel.timelines()).isEqualTo(single.timelines());
    }

    @Test
    void deterministicModeReplaysTheSameGrantLogFiveTimes() throws Exception {
        List<List<Integer>> split = List.of(List.of(0), List.of(1, 2), List.of(3));
        Outcome first = run(AdvanceMode.DETERMINISTIC, split);
        assertThat(first.grants()).hasSizeGreaterThan(6);
        for (int repeat = 1; repeat < 5; repeat++) {
            Outcome again = run(AdvanceMode.DETERMINISTIC, split);
            assertThat(again.grants()).as("repeat %d", repeat).isEqualTo(first.grants());
            assertThat(again.timelines()).isEqualTo(first.timelines());
        }
    }
}
