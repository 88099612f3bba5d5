package dev.chronoscope.emulator.coord;

import dev.chronoscope.emulator.coord.client.ClientOptions;
import dev.chronoscope.emulator.coord.client.CoordinatorClient;
import dev.chronoscope.emulator.coord.server.Coordinator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Runs client processes as threads of the test JVM, each over its own real socket. */
final class ScriptedClients {

    private ScriptedClients() {}

    /** A client that blocks at each wake-up in turn, then says GOODBYE at its last grant; yields the grants it got. */
    static CompletableFuture<List<Long>> jumping(Coordinator coordinator, String name, int id, long... wakes) {
        return CompletableFuture.supplyAsync(() -> {
            try (CoordinatorClient client = CoordinatorClient.connect(
                    ClientOptions.local(coordinator.port(), coordinator.token(), name, id))) {
                List<Long> granted = new ArrayList<>();
                for (long wake : wakes) {
                    granted.add(client.awaitGrant(wake));
                }
                client.finish(granted.getLast());
                return granted;
            } catch (Exception e) {
                throw new IllegalStateException(name + ": " + e.getMessage(), e);
            }
        }, Thread::startVirtualThread);
    }
}
