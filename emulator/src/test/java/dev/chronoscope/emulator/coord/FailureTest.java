package dev.chronoscope.emulator.coord;

import dev.chronoscope.emulator.coord.client.ClientOptions;
import dev.chronoscope.emulator.coord.client.CoordinatorClient;
import dev.chronoscope.emulator.coord.server.Coordinator;
import dev.chronoscope.emulator.coord.wire.Message;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run fails, within bounded time and naming the culprit, instead of hanging. */
class FailureTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    /** Short liveness settings so that silence is detected quickly. */
    private static CoordinatorOptions quick(int clients) {
        return CoordinatorOptions.defaults(clients).withLiveness(Duration.ofMillis(100), Duration.ofMillis(600));
    }

    @Test
    void wrongTokenIsRefusedAndTheRunGoesOn() throws Exception {
        try (Coordinator coordinator = Coordinator.start(CoordinatorOptions.defaults(1))) {
            String wrong = coordinator.token().replace(coordinator.token().charAt(0), 'x');

            assertThatThrownBy(() -> CoordinatorClient.connect(ClientOptions.local(coordinator.port(), wrong, "intruder", -1)))
                    .isInstanceOf(CoordinationFailure.class)
                    .hasMessageContaining("refused 'intruder'")
                    .hasMessageContaining("wrong token");

            var honest = ScriptedClients.jumping(coordinator, "honest", -1, 10);
            assertThat(coordinator.awaitCompletion(BOUND).grants()).map(GrantRecord::toString).containsExactly("10 -> honest#0");
            assertThat(honest.get()).containsExactly(10L);
        }
    }

    @Test
    void tokenIsRandomPerRun() throws Exception {
        try (Coordinator first = Coordinator.start(CoordinatorOptions.defaults(1));
             Coordinator second = Coordinator.start(CoordinatorOptions.defaults(1))) {
            assertThat(first.token()).matches("[0-9a-f]{32}").isNotEqualTo(second.token());
        }
    }

    @Test
    void aClientThatDisconnectsFailsTheRunNamingIt() throws Exception {
        try (Coordinator coordinator = Coordinator.start(quick(2))) {
            CompletableFuture<Long> survivor = blockedForever(coordinator);
            CoordinatorClient quitter = CoordinatorClient.connect(
                    new ClientOptions("127.0.0.1", coordinator.port(), coordinator.token(), "quitter", 4711, 1, BOUND));
            quitter.close();

            String expected = "client 'quitter' (id 1, pid 4711) closed the connection without GOODBYE";
            assertThatThrownBy(() -> coordinator.awaitCompletion(BOUND))
                    .isInstanceOf(CoordinationFailure.class).hasMessage(expected);
            assertSurvivorToldAbout(survivor, expected);
        }
    }

    @Test
    void aClientThatGoesSilentFailsTheRunNamingIt() throws Exception {
        try (Coordinator coordinator = Coordinator.start(quick(2));
             RawClient mute = new RawClient(coordinator.port())) {
            CompletableFuture<Long> survivor = blockedForever(coordinator);
            assertThat(mute.hello(coordinator.token(), "mute", 4242, 1)).isInstanceOf(Message.Welcome.class);

            String expected = "client 'mute' (id 1, pid 4242) sent nothing for 600 ms (no HEARTBEAT): it stopped answering";
            assertThatThrownBy(() -> coordinator.awaitCompletion(BOUND))
                    .isInstanceOf(CoordinationFailure.class).hasMessage(expected);
            assertSurvivorToldAbout(survivor, expected);
            assertThat(mute.next()).isEqualTo(new Message.Error(expected, new Message.ClientRef(1, "mute", 4242)));
        }
    }

    @Test
    void clientsThatNeverAllRegisterFailTheRun() throws Exception {
        CoordinatorOptions options = quick(3).withRegistrationTimeout(Duration.ofMillis(300));
        try (Coordinator coordinator = Coordinator.start(options)) {
            CompletableFuture<Long> early = blockedForever(coordinator);

            assertThatThrownBy(() -> coordinator.awaitCompletion(BOUND)).isInstanceOf(CoordinationFailure.class)
                    .hasMessageStartingWith("only 1 of 3 clients registered within 300 ms: 'survivor' (id 0, pid ");
            assertThatThrownBy(early::get).hasCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("only 1 of 3 clients registered");
        }
    }

    @Test
    void everyClientBlockedWithNoWakeUpIsADeadlockNamingThePendingCollective() throws Exception {
        try (Coordinator coordinator = Coordinator.start(quick(1))) {
            var lonely = CompletableFuture.supplyAsync(() -> {
                try (CoordinatorClient client = CoordinatorClient.connect(
                        ClientOptions.local(coordinator.port(), coordinator.token(), "lonely", 0))) {
                    long now = client.awaitGrant(7);
                    client.arrive(new CollectiveArrival("tp", "all_reduce", 64, 0, 2, now));
                    return client.awaitGrant(GlobalTimeCoordinator.NO_WAKE_UP);
                } catch (Exception e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }, Thread::startVirtualThread);

            String expected = "deadlock at virtual time 7 ns: every client is blocked with no wake-up ('lonely' (id 0, pid "
                    + ProcessHandle.current().pid() + ")); pending: collective 'tp' #0 all_reduce of ranks [0, 1]: arrived rank 0 at 7 ns; never arrived: rank 1";
            assertThatThrownBy(() -> coordinator.awaitCompletion(BOUND)).hasMessage(expected);
            assertThatThrownBy(lonely::get).hasMessageContaining(expected);
        }
    }

    @Test
    void aSendWhoseReceiverNeverArrivesFailsTheRunNamingBothRanks() throws Exception {
        try (Coordinator coordinator = Coordinator.start(quick(2))) {
            var sender = CompletableFuture.supplyAsync(() -> {
                try (CoordinatorClient client = CoordinatorClient.connect(
                        ClientOptions.local(coordinator.port(), coordinator.token(), "rank0", 0))) {
                    long now = client.awaitGrant(9);
                    client.arrive(new CollectiveArrival("pp:0->4", "send_recv", 4096, 0, 2, now, List.of(0, 4)), 0);
                    return client.awaitGrant(GlobalTimeCoordinator.NO_WAKE_UP);
                } catch (Exception e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }, Thread::startVirtualThread);
            try (CoordinatorClient receiver = CoordinatorClient.connect(
                    ClientOptions.local(coordinator.port(), coordinator.token(), "rank4", 1))) {
                receiver.finish(receiver.awaitGrant(5));
            }

            String expected = "deadlock at virtual time 9 ns: every client is blocked with no wake-up ('rank0' (id 0, pid "
                    + ProcessHandle.current().pid() + ")); pending: send_recv #0 from rank 0 to rank 4 ('pp:0->4'): "
                    + "arrived rank 0 at 9 ns; never arrived: rank 4";
            assertThatThrownBy(() -> coordinator.awaitCompletion(BOUND)).hasMessage(expected);
            assertThatThrownBy(sender::get).hasMessageContaining(expected);
        }
    }

    @Test
    void closingTheCoordinatorEarlyFailsItsClients() throws Exception {
        CompletableFuture<Long> survivor;
        try (Coordinator coordinator = Coordinator.start(quick(2))) {
            survivor = blockedForever(coordinator);
            Eventually.await("client registered", BOUND, () -> coordinator.status().registered() == 1);
        }
        assertSurvivorToldAbout(survivor, "the coordinator was closed before the run ended");
    }

    /** A well-behaved client that waits for a grant that never comes; yields what its wait ended with. */
    /**
     * A client that registers (so it is client 0 before the test goes on: the culprits are numbered
     * after it) and then waits for a grant that never comes.
     */
    private static CompletableFuture<Long> blockedForever(Coordinator coordinator) throws Exception {
        CoordinatorClient client = CoordinatorClient.connect(ClientOptions.local(coordinator.port(), coordinator.token(), "survivor", 0));
        return CompletableFuture.supplyAsync(() -> {
            try (client) {
                return client.awaitGrant(1_000);
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, Thread::startVirtualThread);
    }

    private static void assertSurvivorToldAbout(CompletableFuture<Long> survivor, String expected) {
        assertThatThrownBy(() -> survivor.get(BOUND.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(CoordinationFailure.class)
                .hasRootCauseMessage(expected);
    }

}
