package dev.chronoscope.agent.multiprocess;

import dev.chronoscope.emulator.coord.CollectiveArrival;
import dev.chronoscope.emulator.coord.CoordinationFailure;
import dev.chronoscope.emulator.coord.JoinEnvironment;
import dev.chronoscope.emulator.coord.client.ClientOptions;
import dev.chronoscope.emulator.coord.client.CoordinatedTimeGate;
import dev.chronoscope.emulator.coord.client.CoordinatorClient;
import dev.chronoscope.emulator.gpu.RemoteCollectives;
import dev.chronoscope.emulator.gpu.net.CollectiveOp;
import dev.chronoscope.emulator.time.Emulation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * This JVM as one client of a coordinated emulation (DESIGN §10): the coordinator connection, the
 * gate that lets the emulation's clock move, message accounting for the engine's sockets, and
 * collectives whose ranks live in other JVMs.
 */
public final class CoordinatedProcess implements RemoteCollectives {
    private static volatile CoordinatedProcess current;

    private final ProcessRole role;
    private final CoordinatorClient client;
    private final CoordinatedTimeGate gate;
    private final Emulation emulation;
    private final PlatformCalls calls = new PlatformCalls("chronoscope-coordinator-calls");

    private CoordinatedProcess(ProcessRole role, CoordinatorClient client, Emulation emulation) {
        this.role = role;
        this.client = client;
        this.emulation = emulation;
        this.gate = new CoordinatedTimeGate(client, emulation::globalTime, 0, role.name());
        emulation.coordinate(gate);
    }

    /** Registers with the coordinator named by the launcher's environment; a refusal names its reason. */
    public static CoordinatedProcess join(ProcessRole role, Emulation emulation, Map<String, String> environment) {
        if (current != null) throw new IllegalStateException("this JVM already joined a coordinated run");
        JoinEnvironment join = JoinEnvironment.from(environment);
        ClientOptions options = new ClientOptions(join.host(), join.port(), join.token(), role.name(),
                ProcessHandle.current().pid(), role.clientId(), Duration.ofSeconds(10));
        try {
            current = new CoordinatedProcess(role, CoordinatorClient.connect(options), emulation);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the coordinator at " + join.host() + ":" + join.port() + ": " + e.getMessage(), e);
        }
        return current;
    }

    public static Optional<CoordinatedProcess> current() {
        return Optional.ofNullable(current);
    }

    public ProcessRole role() {
        return role;
    }

    void sent(String channel, long seq) {
        unparked(() -> client.sent(channel, seq));
    }

    void received(String channel, long seq) {
        unparked(() -> client.received(channel, seq));
    }

    /** A message sent at {@code sendTime} arrived: see {@link CoordinatedTimeGate#permitUpTo}. */
    void receivedAt(String channel, long seq, long sendTime) {
        received(channel, seq);
        gate.permitUpTo(sendTime);
    }

    @Override
    public void arrive(int[] group, long sequence, CollectiveOp op, long bytes, int groupRank, long arrival, Resolution resolution) {
        join(new CollectiveArrival(groupName(group), op.kernelName(), bytes, groupRank, group.length, arrival, ranks(group)),
                sequence, resolution);
    }

    /**
     * A send/recv is a rendezvous of two at the coordinator (docs/coordination.md, "Point-to-point
     * transfers"): sender rank 0, receiver rank 1, in a group of its own per communicator and
     * direction, numbered by the pair's own sequence as NCCL pairs sends with receives.
     */
    @Override
    public void transfer(int[] group, int from, int to, long sequence, long bytes, boolean sending, long arrival,
                         Resolution resolution) {
        String pair = groupName(group) + ":" + from + "->" + to;
        join(new CollectiveArrival(pair, CollectiveOp.SEND_RECV.kernelName(), bytes, sending ? 0 : 1, 2, arrival,
                List.of(from, to)), sequence, resolution);
    }

    private void join(CollectiveArrival arrived, long sequence, Resolution resolution) {
        unparked(() -> client.arrive(arrived, sequence)
                .thenAccept(timing -> emulation.scheduleAt(0, () -> resolution.resolve(timing.startNanos(), timing.endNanos()))));
    }

    private static String groupName(int[] group) {
        return "group" + Arrays.toString(group);
    }

    private static List<Integer> ranks(int[] group) {
        return Arrays.stream(group).boxed().toList();
    }

    /**
     * Runs a client call so that the calling emulated thread never parks inside it. The client
     * takes a lock and writes to a socket; an emulated (virtual) thread that blocked there would
     * unmount holding the lock, and the carrier, running the next event, could then need that lock
     * itself: a deadlock inside one process. So an emulated thread hands the call to a platform
     * thread and spins until it is done (a few microseconds; nothing else in this emulation may run
     * meanwhile anyway, and the order "SENT before the bytes" is kept). The hand-off itself must not
     * park either: see {@link PlatformCalls}.
     */
    private void unparked(Runnable call) {
        if (!Thread.currentThread().isVirtual()) {
            call.run();
            return;
        }
        calls.runSpinning(call);
    }

    /** The coordinator's account of why the run failed, or null while it has not. */
    public String failure() {
        CoordinationFailure failure = client.failure();
        if (failure != null) return failure.getMessage();
        RuntimeException gateFailure = gate.failure();
        return gateFailure == null ? null : gateFailure.getMessage();
    }

    /** Waits for a worker JVM to exit: a real wait that no message announces (see CoordinatedTimeGate). */
    int awaitExit(Process worker) throws InterruptedException {
        gate.outsideWaitStarted();
        try {
            return worker.waitFor();
        } finally {
            gate.outsideWaitEnded();
        }
    }

    /**
     * The emulation ended: says GOODBYE with the final virtual time. After a failure the connection
     * is only closed, and the coordinator fails the run naming this process.
     */
    public void finish(long finalTime, boolean ok) {
        gate.close();
        if (!ok || client.failure() != null) {
            client.close();
            return;
        }
        client.finish(finalTime);
    }
}
