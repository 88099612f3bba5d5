package dev.chronoscope.emulator.coord.server;

import dev.chronoscope.emulator.coord.CollectiveCostModel;
import dev.chronoscope.emulator.coord.CoordinationFailure;
import dev.chronoscope.emulator.coord.CoordinatorOptions;
import dev.chronoscope.emulator.coord.wire.Message;
import dev.chronoscope.emulator.coord.wire.ProtocolException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The decision rules without sockets: exact frames out for exact frames in. */
class RunStateTest {

    private record Sent(int to, Message message) {}

    private final List<Sent> outbox = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong();
    private RunState state;

    @BeforeEach
    void twoClients() {
        state = newState(CoordinatorOptions.defaults(2));
        assertThat(state.register(hello("a", 0))).isInstanceOf(Message.Welcome.class);
        assertThat(state.register(hello("b", 1))).isInstanceOf(Message.Welcome.class);
    }

    private RunState newState(CoordinatorOptions options) {
        return new RunState(options, "secret", 1_700_000_000_000L, (to, m) -> outbox.add(new Sent(to, m)), clock::get);
    }

    private static Message.Hello hello(String name, int id) {
        return new Message.Hello(List.of(1), "secret", name, 100 + id, id);
    }

    private List<Sent> drain() {
        List<Sent> copy = List.copyOf(outbox);
        outbox.clear();
        return copy;
    }

    @Test
    void registrationRefusalsSayWhy() {
        RunState fresh = newState(CoordinatorOptions.defaults(3));
        fresh.register(hello("a", 0));
        assertThat(fresh.register(new Message.Hello(List.of(2, 3), "secret", "future", 1, -1)))
                .isEqualTo(new Message.Refused("no common protocol version: client speaks [2, 3], coordinator speaks [1]"));
        assertThat(fresh.register(hello("a", 5))).isEqualTo(new Message.Refused("a client named 'a' is already registered"));
        assertThat(fresh.register(hello("c", 0)))
                .isEqualTo(new Message.Refused("client id 0 is already taken by 'a' (id 0, pid 100)"));
        assertThat(fresh.register(new Message.Hello(List.of(1, 2), "secret", "d", 7, -1)))
                .isEqualTo(new Message.Welcome(1, 1, 1_700_000_000_000L, 250, 3_000));
        assertThat(state.register(hello("late", 2)))
                .isEqualTo(new Message.Refused("all 2 expected clients have already registered"));
    }

    @Test
    void staleBlockedWrittenBeforeTheClientSawItsGrantIsIgnored() throws ProtocolException {
        state.blocked(0, new Message.Blocked(10, 0));
        state.blocked(1, new Message.Blocked(20, 0));
        assertThat(drain()).containsExactly(new Sent(0, new Message.Grant(10)));

        // 'a' re-reports before reading GRANT(10): it is about to run, so nobody else may.
        state.blocked(0, new Message.Blocked(5, 0));
        assertThat(drain()).isEmpty();
        state.blocked(0, new Message.Blocked(30, 1));
        assertThat(drain()).containsExactly(new Sent(1, new Message.Grant(20)));
    }

    @Test
    void seenBeyondWhatWasSentIsAProtocolError() {
        assertThatThrownBy(() -> state.blocked(0, new Message.Blocked(10, 3)))
                .isInstanceOf(ProtocolException.class)
                .hasMessage("BLOCKED: seen 3 but only 0 GRANT/COLLECTIVE_DONE frames were sent to this client");
    }

    @Test
    void receivedBeforeItsSentStillHoldsTimeUntilBothArrive() throws ProtocolException {
        state.blocked(0, new Message.Blocked(10, 0));
        state.blocked(1, new Message.Blocked(Message.NO_WAKE_UP, 0));
        drain();
        // 'a' runs at 10 and sends; the receiver's report overtakes the sender's on another connection.
        state.received(1, new Message.Received("a->b", 1));
        state.blocked(1, new Message.Blocked(15, 0));
        state.blocked(0, new Message.Blocked(40, 1));
        assertThat(drain()).as("SENT not yet seen: still in flight").isEmpty();
        assertThat(state.status().messagesInFlight()).isEqualTo(1);

        state.sent(0, new Message.Sent("a->b", 1));
        assertThat(drain()).containsExactly(new Sent(1, new Message.Grant(15)));
    }

    @Test
    void aMessageStuckInFlightFailsTheRunAfterTheClientTimeout() throws ProtocolException {
        state.blocked(0, new Message.Blocked(10, 0));
        state.blocked(1, new Message.Blocked(Message.NO_WAKE_UP, 0));
        drain();
        state.sent(0, new Message.Sent("a->b", 7));
        state.blocked(0, new Message.Blocked(40, 1));
        clock.addAndGet(Duration.ofSeconds(2).toNanos());
        state.checkDeadlines();
        assertThat(state.outcome()).isNotDone();

        clock.addAndGet(Duration.ofSeconds(2).toNanos());
        state.checkDeadlines();
        String expected = "no client is running, yet a message stayed in flight for more than 3000 ms: "
                + "channel 'a->b' seq 7 sent by 'a' (id 0, pid 100) was never reported RECEIVED";
        assertThatThrownBy(() -> state.outcome().join()).hasCauseInstanceOf(CoordinationFailure.class)
                .hasMessageContaining(expected);
        assertThat(drain()).containsExactly(new Sent(0, new Message.Error(expected, null)),
                new Sent(1, new Message.Error(expected, null)));
    }

    @Test
    void collectiveDoneReopensABlockedMemberUntilItReportsAgain() throws ProtocolException {
        state.blocked(0, new Message.Blocked(100, 0));
        state.blocked(1, new Message.Blocked(200, 0));
        drain();
        state.collectiveArrived(0, new Message.CollectiveArrive("tp", 0, "all_reduce", 800, 0, 2, 100));
        state.blocked(0, new Message.Blocked(Message.NO_WAKE_UP, 1));
        assertThat(drain()).containsExactly(new Sent(1, new Message.Grant(200)));

        state.collectiveArrived(1, new Message.CollectiveArrive("tp", 0, "all_reduce", 800, 1, 2, 200));
        long end = 200 + 2 * (2_000 + 4);
        assertThat(drain()).containsExactly(new Sent(0, new Message.CollectiveDone("tp", 0, 0, 200, end)),
                new Sent(1, new Message.CollectiveDone("tp", 0, 1, 200, end)));
        state.blocked(1, new Message.Blocked(end, 2));
        assertThat(drain()).as("'a' has not yet re-reported after its COLLECTIVE_DONE").isEmpty();
        state.blocked(0, new Message.Blocked(end, 2));
        assertThat(drain()).containsExactly(new Sent(0, new Message.Grant(end)));
    }

    @Test
    void aReopenedClientThatNeverReportsAgainFailsTheRun() throws ProtocolException {
        state.sent(1, new Message.Sent("b->a", 1));
        state.blocked(0, new Message.Blocked(Message.NO_WAKE_UP, 0));
        state.blocked(1, new Message.Blocked(50, 0));
        state.received(0, new Message.Received("b->a", 1));
        clock.addAndGet(Duration.ofMillis(3_000).toNanos());
        state.checkDeadlines();
        assertThat(state.outcome()).isNotDone();
        clock.addAndGet(Duration.ofMillis(1).toNanos());
        state.checkDeadlines();
        assertThatThrownBy(() -> state.outcome().join()).hasMessageContaining(
                "client 'a' (id 0, pid 100) owes a BLOCKED report after COLLECTIVE_DONE or RECEIVED and sent none for 3000 ms");
    }

    @Test
    void mismatchedCollectiveArrivalsAreNamed() throws ProtocolException {
        state.collectiveArrived(0, new Message.CollectiveArrive("tp", 0, "all_reduce", 800, 0, 2, 100));
        assertThatThrownBy(() -> state.collectiveArrived(1,
                new Message.CollectiveArrive("tp", 0, "all_gather", 800, 1, 2, 100)))
                .hasMessage("collective 'tp' #0: rank 1 arrived for all_gather/800 bytes/2 ranks but earlier ranks "
                        + "arrived for all_reduce/800 bytes/2 ranks");
        assertThatThrownBy(() -> state.collectiveArrived(1,
                new Message.CollectiveArrive("tp", 0, "all_reduce", 800, 0, 2, 100)))
                .hasMessage("collective 'tp' #0: rank 0 arrived twice");
        assertThatThrownBy(() -> state.collectiveArrived(1,
                new Message.CollectiveArrive("tp", 1, "all_reduce", 800, 2, 2, 100)))
                .hasMessage("collective 'tp' #1: rank 2 is outside 0..1");
    }

    @Test
    void aSendWhoseReceiverNeverArrivesIsADeadlockNamingSenderAndReceiver() throws ProtocolException {
        state.goodbye(1, new Message.Goodbye(40));
        state.collectiveArrived(0, new Message.CollectiveArrive("group[0, 2]:0->2", 3, "send_recv", 4096, 0, 2, 100,
                List.of(0, 2)));
        state.blocked(0, new Message.Blocked(Message.NO_WAKE_UP, 0));
        String expected = "deadlock at virtual time 0 ns: every client is blocked with no wake-up ('a' (id 0, pid 100)); "
                + "pending: send_recv #3 from rank 0 to rank 2 ('group[0, 2]:0->2'): arrived rank 0 at 100 ns; "
                + "never arrived: rank 2";
        assertThatThrownBy(() -> state.outcome().join()).hasCauseInstanceOf(CoordinationFailure.class)
                .hasMessageContaining(expected);
        assertThat(drain()).containsExactly(new Sent(0, new Message.Error(expected, null)));
    }

    @Test
    void aTransferIsTimedForItsGlobalRanksAndBothEndsMustNameTheSame() throws ProtocolException {
        CollectiveCostModel byPlacement = new CollectiveCostModel() {
            @Override
            public long durationNanos(String op, long bytes, int ranks) {
                throw new AssertionError("members were given: the size-only form must not be asked");
            }

            @Override
            public long durationNanos(String op, long bytes, int[] globalRanks) {
                return 1_000L * globalRanks[1] + bytes;
            }
        };
        state = newState(CoordinatorOptions.defaults(2).withCostModel(byPlacement));
        state.register(hello("a", 0));
        state.register(hello("b", 1));
        state.collectiveArrived(1, new Message.CollectiveArrive("p", 0, "send_recv", 64, 1, 2, 300, List.of(4, 9)));
        state.collectiveArrived(0, new Message.CollectiveArrive("p", 0, "send_recv", 64, 0, 2, 120, List.of(4, 9)));
        assertThat(drain()).containsExactly(new Sent(0, new Message.CollectiveDone("p", 0, 0, 300, 300 + 9_064)),
                new Sent(1, new Message.CollectiveDone("p", 0, 1, 300, 300 + 9_064)));

        state.collectiveArrived(0, new Message.CollectiveArrive("p", 1, "send_recv", 64, 0, 2, 400, List.of(4, 9)));
        assertThatThrownBy(() -> state.collectiveArrived(1,
                new Message.CollectiveArrive("p", 1, "send_recv", 64, 1, 2, 400, List.of(4, 8))))
                .hasMessage("collective 'p' #1: rank 1 arrived with members [4, 8] but earlier ranks with [4, 9]");
        assertThatThrownBy(() -> state.collectiveArrived(1,
                new Message.CollectiveArrive("p", 2, "send_recv", 64, 1, 2, 400, List.of(4, 8, 9))))
                .hasMessage("collective 'p' #2: 3 members [4, 8, 9] for a group of 2 ranks");
    }

    @Test
    void framesAfterGoodbyeAreProtocolErrors() throws ProtocolException {
        state.goodbye(0, new Message.Goodbye(5));
        assertThatThrownBy(() -> state.blocked(0, new Message.Blocked(10, 0))).hasMessage("BLOCKED after GOODBYE");
    }
}
