package dev.chronoscope.emulator.coord;

import dev.chronoscope.emulator.coord.client.ClientOptions;
import dev.chronoscope.emulator.coord.client.CoordinatedTimeGate;
import dev.chronoscope.emulator.coord.client.CoordinatorClient;
import dev.chronoscope.emulator.coord.server.Coordinator;
import dev.chronoscope.emulator.time.Emulation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two emulations in one JVM stand for two emulated processes: each has its own clock and carrier,
 * and a {@link CoordinatedTimeGate} lets the clocks move only as the coordinator grants (DESIGN §10).
 */
class CoordinatedEmulationsTest {
    private static final Duration BOUND = Duration.ofSeconds(30);

    private record Process(Emulation emulation, CoordinatorClient client, CoordinatedTimeGate gate) {
        CompletableFuture<Long> run() {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    long end = emulation.awaitCompletion(BOUND);
                    gate.close();
                    client.finish(end);
                    return end;
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, task -> Thread.ofPlatform().start(task));
        }
    }

    private static Process join(Coordinator coordinator, String name, int id) throws Exception {
        Emulation emulation = Emulation.builder().name(name).build();
        CoordinatorClient client = CoordinatorClient.connect(ClientOptions.local(coordinator.port(), coordinator.token(), name, id));
        CoordinatedTimeGate gate = new CoordinatedTimeGate(client, emulation::globalTime, 0, name);
        emulation.coordinate(gate);
        return new Process(emulation, client, gate);
    }

    private static void sleepUntil(Emulation emulation, long t) {
        try {
            emulation.sleepUntil(t);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void clocksOfSeparateEmulationsInterleaveInGlobalVirtualTimeOrder() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (Coordinator coordinator = Coordinator.start(CoordinatorOptions.defaults(2))) {
            Process a = join(coordinator, "a", 0), b = join(coordinator, "b", 1);
            a.emulation().start("a", () -> {
                sleepUntil(a.emulation(), 10);
                log.add("a@" + a.emulation().now());
                sleepUntil(a.emulation(), 30);
                log.add("a@" + a.emulation().now());
            });
            b.emulation().start("b", () -> {
                sleepUntil(b.emulation(), 20);
                log.add("b@" + b.emulation().now());
            });
            CompletableFuture<Long> endA = a.run(), endB = b.run();
            RunResult result = coordinator.awaitCompletion();
            assertThat(endA.join()).isEqualTo(30);
            assertThat(endB.join()).isEqualTo(20);
            assertThat(result.finalTime()).isEqualTo(30);
        }
        assertThat(log).containsExactly("a@10", "b@20", "a@30");
    }

    /**
     * A message that wakes the receiver from outside its emulation (as the JDK's socket poller does)
     * is accounted SENT before the hand-over and RECEIVED once taken: the receiver's own timer at 50
     * must not fire before the message sent at 10 is processed at 10, although both processes looked
     * blocked while it travelled.
     */
    @Test
    void aMessageInFlightHoldsGlobalTimeUntilTheReceiverHasQueuedIt() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        BlockingQueue<Long> transport = new LinkedBlockingQueue<>();
        try (Coordinator coordinator = Coordinator.start(CoordinatorOptions.defaults(2))) {
            Process sender = join(coordinator, "sender", 0), receiver = join(coordinator, "receiver", 1);
            sender.emulation().start("send", () -> {
                sleepUntil(sender.emulation(), 10);
                sender.client().sent("sender>receiver", 0);
                transport.add(sender.emulation().now());
            });
            receiver.emulation().start("read", () -> {
                try {
                    long sentAt = transport.take();
                    receiver.client().received("sender>receiver", 0);
                    sleepUntil(receiver.emulation(), sentAt);
                    log.add("message@" + receiver.emulation().now());
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            receiver.emulation().start("timer", () -> {
                sleepUntil(receiver.emulation(), 50);
                log.add("timer@" + receiver.emulation().now());
            });
            CompletableFuture<Long> endSender = sender.run(), endReceiver = receiver.run();
            coordinator.awaitCompletion();
            assertThat(endSender.join()).isEqualTo(10);
            assertThat(endReceiver.join()).isEqualTo(50);
        }
        assertThat(log).containsExactly("message@10", "timer@50");
    }

    @Test
    void aProcessWaitingOnlyForAMessageThatNobodySendsIsADeadlockNamingEveryone() throws Exception {
        try (Coordinator coordinator = Coordinator.start(CoordinatorOptions.defaults(2))) {
            Process a = join(coordinator, "a", 0), b = join(coordinator, "b", 1);
            BlockingQueue<Long> never = new LinkedBlockingQueue<>();
            a.emulation().start("a", () -> sleepUntil(a.emulation(), 5));
            b.emulation().start("b", () -> {
                try {
                    never.take();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            CompletableFuture<Long> endA = a.run(), endB = b.run();
            assertThat(endA.join()).isEqualTo(5);
            assertThat(endB).failsWithin(BOUND).withThrowableThat().havingRootCause()
                    .isInstanceOf(CoordinationFailure.class)
                    .withMessageContaining("deadlock at virtual time 5 ns")
                    .withMessageContaining("'b' (id 1");
        }
    }
}
