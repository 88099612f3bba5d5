package dev.chronoscope.emulator.run;

import dev.chronoscope.emulator.coord.CoordinationFailure;
import dev.chronoscope.emulator.coord.CoordinatorOptions;
import dev.chronoscope.emulator.coord.server.Coordinator;
import dev.chronoscope.emulator.gpu.catalog.DeviceCatalog;
import dev.chronoscope.emulator.gpu.catalog.DeviceSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The coordinator of a {@code --processes per-rank} emulation (DESIGN §10): started in the emulate
 * JVM on loopback with a per-run token, expecting the engine's driver JVM (client 0, {@code engine})
 * and one worker JVM per rank (client rank + 1, {@code rank<r>}). When the coordinator fails the
 * run (a JVM killed, silent or misbehaving), the failure is printed at once, the engine JVM is
 * given a few seconds to complete its run folder, then it and its workers are stopped.
 */
final class PerRankCoordination implements AutoCloseable {
    /** JVM start-up of every rank on a loaded machine: generous, since nothing can advance meanwhile. */
    private static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(120);
    /** How long the engine JVM may take to write what it recorded after the coordinated run failed. */
    private static final long GRACE_MILLIS = 4_000;

    private final Coordinator coordinator;
    private volatile String failure;

    private PerRankCoordination(Coordinator coordinator) {
        this.coordinator = coordinator;
    }

    static PerRankCoordination start(Scenario scenario) {
        CoordinatorOptions options = CoordinatorOptions.defaults(scenario.worldSize() + 1)
                .withRegistrationTimeout(REGISTRATION_TIMEOUT)
                .withCostModel(costModel(scenario));
        try {
            return new PerRankCoordination(Coordinator.start(options));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the coordinator: " + e.getMessage(), e);
        }
    }

    private static NetworkCostModel costModel(Scenario scenario) {
        DeviceSpec spec = DeviceCatalog.standard().get(scenario.gpu());
        return new NetworkCostModel(spec, CollectiveModels.network(spec, scenario.models()));
    }

    /** What the engine JVM inherits (and passes on to its workers): where the coordinator is, and the token. */
    Map<String, String> environment() {
        return coordinator.joinEnvironment(0, "engine").toMap();
    }

    /** Watches the coordinated run in the background; a failure stops {@code engine} after a grace period. */
    void watch(Process engine, PrintStream errors) {
        Thread.ofPlatform().daemon().name("chronoscope-coordination-watch").start(() -> {
            try {
                coordinator.awaitCompletion();
            } catch (CoordinationFailure e) {
                failure = e.getMessage();
                errors.println("chronoscope emulate: the coordinated run failed: " + e.getMessage());
                stopAfterGrace(engine);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** The worker JVMs are the engine's children: taken now, since they stop being its descendants once it exits. */
    private static void stopAfterGrace(Process engine) {
        List<ProcessHandle> workers = engine.descendants().toList();
        try {
            engine.waitFor(GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        if (engine.isAlive()) engine.destroyForcibly();
    }

    /**
     * After the engine JVM has exited: the coordinator's message naming the process that failed the
     * run, or null when every process said GOODBYE.
     */
    String awaitFailure() throws InterruptedException {
        try {
            coordinator.awaitCompletion(Duration.ofMillis(GRACE_MILLIS));
            return null;
        } catch (CoordinationFailure e) {
            return e.getMessage();
        } catch (TimeoutException e) {
            String seen = failure;
            return seen != null ? seen : "the engine JVM exited but the coordinator did not see every process finish within "
                    + GRACE_MILLIS + " ms";
        }
    }

    @Override
    public void close() {
        coordinator.close();
    }
}
