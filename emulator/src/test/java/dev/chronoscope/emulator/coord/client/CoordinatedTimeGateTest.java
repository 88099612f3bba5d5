package dev.chronoscope.emulator.coord.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chronoscope.emulator.coord.CollectiveArrival;
import dev.chronoscope.emulator.coord.CollectiveTiming;
import dev.chronoscope.emulator.coord.GlobalTimeCoordinator;
import dev.chronoscope.emulator.time.TimeGate;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** What the gate tells the coordinator about a carrier that waits at it. */
class CoordinatedTimeGateTest {

    private static final long NOW = 7;

    @Test
    void aCarrierThatLeavesWhileTheGateLooksIsReportedRunnableNotAsleepForever() throws Exception {
        ReportingCoordinator coordinator = new ReportingCoordinator();
        CountDownLatch carrierLeft = new CountDownLatch(1);
        OutsideWork work = new OutsideWork(carrierLeft);
        try (CoordinatedTimeGate gate = new CoordinatedTimeGate(coordinator, () -> NOW, 0, "test")) {
            CompletableFuture<Void> stay = CompletableFuture.runAsync(() -> {
                try {
                    gate.awaitPermission(TimeGate.NOTHING_SCHEDULED, work);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                } finally {
                    carrierLeft.countDown();
                }
            }, runnable -> Thread.ofPlatform().start(runnable));

            // The gate thread looked at the carrier's stay, then at its outside work; meanwhile the
            // carrier took that work and left. "No wake-up" would be a promise it cannot keep.
            assertThat(coordinator.nextReport()).isEqualTo(NOW);
            stay.get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * The carrier's outside work: polled by the carrier, which leaves the gate once it is there, and
     * by the gate thread, whose first look lets the carrier take it and waits until it has left.
     */
    private static final class OutsideWork implements BooleanSupplier {
        private final CountDownLatch carrierLeft;
        private volatile boolean there;
        private volatile boolean looked;

        OutsideWork(CountDownLatch carrierLeft) {
            this.carrierLeft = carrierLeft;
        }

        @Override
        public boolean getAsBoolean() {
            if (!Thread.currentThread().getName().startsWith("chronoscope-gate-")) return there;
            if (looked) return false;
            looked = true;
            there = true;
            try {
                carrierLeft.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            there = false;
            return false;
        }
    }

    /** Records every report (BLOCKED) and grants only when the gate closes. */
    private static final class ReportingCoordinator implements GlobalTimeCoordinator {
        private final BlockingQueue<Long> reports = new LinkedBlockingQueue<>();

        long nextReport() throws InterruptedException {
            Long report = reports.poll(10, TimeUnit.SECONDS);
            assertThat(report).as("a report within 10 s").isNotNull();
            return report;
        }

        @Override
        public long awaitGrant(LongSupplier earliestWakeUp) throws InterruptedException {
            reports.add(earliestWakeUp.getAsLong());
            new CountDownLatch(1).await();
            return NOW;
        }

        @Override
        public void sent(String channel, long seq) {
        }

        @Override
        public void received(String channel, long seq) {
        }

        @Override
        public CompletableFuture<CollectiveTiming> arrive(CollectiveArrival arrival) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void finish(long finalVirtualTime) {
        }

        @Override
        public void close() {
        }
    }
}
