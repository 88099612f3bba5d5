package dev.chronoscope.agent.multiprocess;

import dev.chronoscope.emulator.coord.CoordinationFailure;
import dev.chronoscope.emulator.coord.JoinEnvironment;
import dev.chronoscope.emulator.coord.client.ClientOptions;
import dev.chronoscope.emulator.coord.client.CoordinatedCollectives;
import dev.chronoscope.emulator.coord.client.CoordinatedTimeGate;
import dev.chronoscope.emulator.coord.client.CoordinatorClient;
import dev.chronoscope.emulator.coord.client.PlatformCalls;
import dev.chronoscope.emulator.gpu.RemoteCollectives;
import dev.chronoscope.emulator.gpu.net.CollectiveOp;
import dev.chronoscope.emulator.time.Emulation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
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
    /** Keeps emulated threads from parking inside the client (see {@link PlatformCalls}). */
    private final PlatformCalls calls = new PlatformCalls("chronoscope-coordinator-calls");
    private final CoordinatedCollectives collectives;

    private CoordinatedProcess(ProcessRole role, CoordinatorClient client, Emulation emulation) {
        this.role = role;
        this.client = client;
        this.collectives = new CoordinatedCollectives(client, emulation, calls);
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
        calls.run(() -> client.sent(channel, seq));
    }

    void received(String channel, long seq) {
        calls.run(() -> client.received(channel, seq));
    }

    /** A message sent at {@code sendTime} arrived: see {@link CoordinatedTimeGate#permitUpTo}. */
    void receivedAt(String channel, long seq, long sendTime) {
        received(channel, seq);
        gate.permitUpTo(sendTime);
    }

    @Override
    public void arrive(int[] group, long sequence, CollectiveOp op, long bytes, int groupRank, long arrival, Resolution resolution) {
        collectives.arrive(group, sequence, op, bytes, groupRank, arrival, resolution);
    }

    @Override
    public void transfer(int[] group, int from, int to, long sequence, long bytes, boolean sending, long arrival,
                         Resolution resolution) {
        collectives.transfer(group, from, to, sequence, bytes, sending, arrival, resolution);
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
