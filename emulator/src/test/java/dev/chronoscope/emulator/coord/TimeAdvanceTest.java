package dev.chronoscope.emulator.coord;

import dev.chronoscope.emulator.coord.client.ClientOptions;
import dev.chronoscope.emulator.coord.client.CoordinatorClient;
import dev.chronoscope.emulator.coord.server.Coordinator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Global virtual time advances to the minimum wake-up, in (time, id) order, over real sockets. */
class TimeAdvanceTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    @Test
    void twoClientsRunInWakeUpOrderWithTiesBrokenById() throws Exception {
        try (Coordinator coordinator = Coordinator.start(CoordinatorOptions.defaults(2))) {
            var a = ScriptedClients.jumping(coordinator, "a", 0, 100, 300, 700);
            var b = ScriptedClients.jumping(coordinator, "b", 1, 200, 300, 500);

            RunResult result = coordinator.awaitCompletion(BOUND);

            assertThat(result.grants()).map(GrantRecord::toString)
                    .containsExactly("100 -> a#0", "200 -> b#1", "300 -> a#0", "300 -> b#1", "500 -> b#1", "700 -> a#0");
            assertThat(a.get()).containsExactly(100L, 300L, 700L);
            assertThat(b.get()).containsExactly(200L, 300L, 500L);
            assertThat(result.finalTime()).isEqualTo(700);
            assertThat(result.finalTimes()).containsEntry("a", 700L).containsEntry("b", 500L);
        }
    }

    @Test
    void fourClientsAdvanceToExactNanosecondsAndPastWakeUpsRunAtOnce() throws Exception {
        try (Coordinator coordinator = Coordinator.start(CoordinatorOptions.defaults(4))) {
            var c0 = ScriptedClients.jumping(coordinator, "c0", 0, 40, 1_000_000_007);
            var c1 = ScriptedClients.jumping(coordinator, "c1", 1, 40, 25);
            var c2 = ScriptedClients.jumping(coordinator, "c2", 2, 5, 999_999_999_999L);
            var c3 = ScriptedClients.jumping(coordinator, "c3", 3, 77, 78, 79);

            RunResult result = coordinator.awaitCompletion(BOUND);

            assertThat(result.grants()).map(GrantRecord::toString).containsExactly(
                    "5 -> c2#2", "40 -> c0#0", "40 -> c1#1", "40 -> c1#1", "77 -> c3#3", "78 -> c3#3",
                    "79 -> c3#3", "1000000007 -> c0#0", "999999999999 -> c2#2");
            assertThat(c1.get()).as("a wake-up already past runs at the current global time").containsExactly(40L, 40L);
            assertThat(c0.get()).containsExactly(40L, 1_000_000_007L);
            assertThat(c2.get()).containsExactly(5L, 999_999_999_999L);
            assertThat(c3.get()).containsExactly(77L, 78L, 79L);
            assertThat(result.finalTime()).isEqualTo(999_999_999_999L);
        }
    }

    @Test
    void parallelModeRunsEveryClientAtTheMinimumTogether() throws Exception {
        CoordinatorOptions options = CoordinatorOptions.defaults(2).withMode(AdvanceMode.PARALLEL);
        try (Coordinator coordinator = Coordinator.start(options)) {
            CountDownLatch bothGranted = new CountDownLatch(2);
            List<CompletableFuture<Boolean>> clients = List.of(
                    holdingGrant(coordinator, "p", 0, bothGranted), holdingGrant(coordinator, "q", 1, bothGranted));

            RunResult result = coordinator.awaitCompletion(BOUND);

            assertThat(clients).allSatisfy(c -> assertThat(c.get())
                    .as("each client saw the other granted while it still ran").isTrue());
            assertThat(result.grants()).map(GrantRecord::toString).containsExactly("100 -> p#0", "100 -> q#1");
        }
    }

    /** Runs at 100 and, while still running, waits for the other client to be granted too. */
    private static CompletableFuture<Boolean> holdingGrant(Coordinator coordinator, String name, int id,
                                                           CountDownLatch bothGranted) {
        return CompletableFuture.supplyAsync(() -> {
            try (CoordinatorClient client = CoordinatorClient.connect(
                    ClientOptions.local(coordinator.port(), coordinator.token(), name, id))) {
                long granted = client.awaitGrant(100);
                bothGranted.countDown();
                boolean together = bothGranted.await(10, TimeUnit.SECONDS);
                client.finish(granted);
                return together;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Thread::startVirtualThread);
    }
}
