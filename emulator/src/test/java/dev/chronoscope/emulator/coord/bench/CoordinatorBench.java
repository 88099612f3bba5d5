package dev.chronoscope.emulator.coord.bench;

import dev.chronoscope.emulator.coord.AdvanceMode;
import dev.chronoscope.emulator.coord.CoordinatorOptions;
import dev.chronoscope.emulator.coord.RunResult;
import dev.chronoscope.emulator.coord.client.ClientOptions;
import dev.chronoscope.emulator.coord.client.CoordinatorClient;
import dev.chronoscope.emulator.coord.server.Coordinator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Grant throughput over loopback: each of n clients jumps {@code steps} times; every jump is one
 * BLOCKED/GRANT round trip through the coordinator. Prints grants per second and the mean round
 * trip. Arguments: [steps per client] (default 20000).
 */
public final class CoordinatorBench {

    private CoordinatorBench() {}

    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        System.out.printf("%-14s %7s %10s %12s %14s%n", "mode", "clients", "grants", "grants/s", "us/grant");
        for (AdvanceMode mode : AdvanceMode.values()) {
            for (int clients : new int[] {1, 2, 4}) {
                measure(mode, clients, steps / 10);
                measure(mode, clients, steps);
            }
        }
    }

    private static void measure(AdvanceMode mode, int clients, int steps) throws Exception {
        try (Coordinator coordinator = Coordinator.start(CoordinatorOptions.defaults(clients).withMode(mode))) {
            long started = System.nanoTime();
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            for (int id = 0; id < clients; id++) {
                int me = id;
                runs.add(CompletableFuture.runAsync(() -> jump(coordinator, me, steps), Thread::startVirtualThread));
            }
            RunResult result = coordinator.awaitCompletion();
            long elapsed = System.nanoTime() - started;
            for (var run : runs) {
                run.join();
            }
            int grants = result.grants().size();
            System.out.printf("%-14s %7d %10d %12.0f %14.1f%n", mode, clients, grants,
                    grants / (elapsed / 1e9), elapsed / 1e3 / grants);
        }
    }

    /** Client {@code id} wakes at 10, 20, 30, ... ns, so all clients share every instant. */
    private static void jump(Coordinator coordinator, int id, int steps) {
        try (CoordinatorClient client = CoordinatorClient.connect(
                ClientOptions.local(coordinator.port(), coordinator.token(), "c" + id, id))) {
            long now = 0;
            for (int step = 1; step <= steps; step++) {
                now = client.awaitGrant(10L * step);
            }
            client.finish(now);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
