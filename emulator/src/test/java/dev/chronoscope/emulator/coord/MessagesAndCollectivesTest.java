package dev.chronoscope.emulator.coord;

import dev.chronoscope.emulator.coord.client.ClientOptions;
import dev.chronoscope.emulator.coord.client.CoordinatorClient;
import dev.chronoscope.emulator.coord.server.Coordinator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Inter-process messages hold time still while in flight; collectives start at the last arrival. */
class MessagesAndCollectivesTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    @Test
    void timeDoesNotAdvanceWhileAMessageIsInFlight() throws Exception {
        try (Coordinator coordinator = Coordinator.start(CoordinatorOptions.defaults(2))) {
            CountDownLatch deliver = new CountDownLatch(1);
            AtomicLong receiverWake = new AtomicLong(GlobalTimeCoordinator.NO_WAKE_UP);

            var sender = CompletableFuture.supplyAsync(() -> {
                try (CoordinatorClient client = connect(coordinator, "sender", 0)) {
                    long t0 = client.awaitGrant(0);
                    client.sent("sender->receiver", 1);
                    long t1 = client.awaitGrant(100);
                    client.finish(t1);
                    return List.of(t0, t1);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, Thread::startVirtualThread);
            var receiver = CompletableFuture.supplyAsync(() -> {
                try (CoordinatorClient client = connect(coordinator, "receiver", 1)) {
                    // The transport hands the message over only when the test says so.
                    Thread.startVirtualThread(() -> {
                        try {
                            deliver.await();
                            receiverWake.set(50);
                            client.received("sender->receiver", 1);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                    long t = client.awaitGrant(receiverWake::get);
                    client.finish(t);
                    return t;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, Thread::startVirtualThread);

            Eventually.await("both clients blocked with the message in flight", BOUND, () -> {
                CoordinatorStatus s = coordinator.status();
                return s.blocked().equals(List.of(0, 1)) && s.messagesInFlight() == 1;
            });
            assertThat(coordinator.status().grants()).as("only the sender's first grant, at 0").isEqualTo(1);
            deliver.countDown();

            RunResult result = coordinator.awaitCompletion(BOUND);
            assertThat(result.grants()).map(GrantRecord::toString)
                    .containsExactly("0 -> sender#0", "50 -> receiver#1", "100 -> sender#0");
            assertThat(sender.get()).containsExactly(0L, 100L);
            assertThat(receiver.get()).isEqualTo(50L);
        }
    }

    @Test
    void collectiveStartsAtTheLastArrivalAndLastsWhatTheCostModelSays() throws Exception {
        CollectiveCostModel cost = (op, bytes, ranks) -> op.equals("all_reduce") ? 1_000 + bytes / ranks : -1;
        try (Coordinator coordinator = Coordinator.start(CoordinatorOptions.defaults(3).withCostModel(cost))) {
            long[] arrivals = {100, 350, 200};
            List<CompletableFuture<CollectiveTiming>> timings = new ArrayList<>();
            List<CompletableFuture<Long>> resumed = new ArrayList<>();
            for (int rank = 0; rank < 3; rank++) {
                CompletableFuture<CollectiveTiming> timing = new CompletableFuture<>();
                timings.add(timing);
                resumed.add(rankJoiningAllReduce(coordinator, rank, arrivals[rank], timing));
            }

            RunResult result = coordinator.awaitCompletion(BOUND);

            long end = 350 + 1_000 + 3_000;
            for (int rank = 0; rank < 3; rank++) {
                assertThat(timings.get(rank).get()).isEqualTo(new CollectiveTiming(350, end));
                assertThat(resumed.get(rank).get()).as("rank %d resumes when the collective ends", rank).isEqualTo(end);
            }
            assertThat(result.grants()).map(GrantRecord::toString).containsExactly(
                    "100 -> r0#0", "200 -> r2#2", "350 -> r1#1", end + " -> r0#0", end + " -> r1#1", end + " -> r2#2");
        }
    }

    private static CompletableFuture<Long> rankJoiningAllReduce(Coordinator coordinator, int rank, long arrival,
                                                                CompletableFuture<CollectiveTiming> timing) {
        return CompletableFuture.supplyAsync(() -> {
            try (CoordinatorClient client = connect(coordinator, "r" + rank, rank)) {
                long now = client.awaitGrant(arrival);
                CompletableFuture<CollectiveTiming> done = client.arrive(
                        new CollectiveArrival("tp", "all_reduce", 9_000, rank, 3, now));
                long resumed = client.awaitGrant(() -> done.isDone() ? done.join().endNanos() : GlobalTimeCoordinator.NO_WAKE_UP);
                timing.complete(done.join());
                client.finish(resumed);
                return resumed;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Thread::startVirtualThread);
    }

    private static CoordinatorClient connect(Coordinator coordinator, String name, int id) throws Exception {
        return CoordinatorClient.connect(ClientOptions.local(coordinator.port(), coordinator.token(), name, id));
    }
}
