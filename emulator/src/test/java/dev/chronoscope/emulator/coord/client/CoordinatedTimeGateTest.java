package dev.chronoscope.emulator.coord.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chronoscope.emulator.coord.CollectiveArrival;
import dev.chronoscope.emulator.coord.CollectiveTiming;
import dev.chronoscope.emulator.coord.GlobalTimeCoordinator;
import dev.chronoscope.emulator.time.TimeGate;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** What the gate tells the coordinator while the carrier waits at it. */
class CoordinatedTimeGateTest {

    @Test
    void aCarrierBackAtTheGateWithoutAGrantReportsItsNewWakeUp() throws Exception {
        ReportingCoordinator coordinator = new ReportingCoordinator();
        AtomicBoolean outsideWork = new AtomicBoolean();
        try (CoordinatedTimeGate gate = new CoordinatedTimeGate(coordinator, () -> 0, 0, "test")) {
            CompletableFuture<Void> idle = atGate(gate, TimeGate.NOTHING_SCHEDULED, outsideWork);
            assertThat(coordinator.nextReport()).isEqualTo(GlobalTimeCoordinator.NO_WAKE_UP);

            // Work no message announces (a socket became writable) takes the carrier away, no grant given...
            outsideWork.set(true);
            idle.get(10, TimeUnit.SECONDS);
            outsideWork.set(false);
            // ...and it comes back with a timed wait: the coordinator must not keep "no wake-up".
            CompletableFuture<Void> timed = atGate(gate, 100, outsideWork);
            assertThat(coordinator.nextReport()).isEqualTo(100);

            coordinator.grant(100);
            timed.get(10, TimeUnit.SECONDS);
        }
    }

    private static CompletableFuture<Void> atGate(TimeGate gate, long earliest, AtomicBoolean work) {
        return CompletableFuture.runAsync(() -> {
            try {
                gate.awaitPermission(earliest, work::get);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, runnable -> Thread.ofPlatform().start(runnable));
    }

    /** Records every report (BLOCKED) and grants only when told. */
    private static final class ReportingCoordinator implements GlobalTimeCoordinator {
        private final BlockingQueue<Long> reports = new LinkedBlockingQueue<>();
        private final BlockingQueue<Long> grants = new LinkedBlockingQueue<>();
        private volatile LongSupplier waiting;

        long nextReport() throws InterruptedException {
            Long report = reports.poll(10, TimeUnit.SECONDS);
            assertThat(report).as("a report within 10 s").isNotNull();
            return report;
        }

        void grant(long time) {
            grants.add(time);
        }

        @Override
        public long awaitGrant(LongSupplier earliestWakeUp) throws InterruptedException {
            waiting = earliestWakeUp;
            reports.add(earliestWakeUp.getAsLong());
            try {
                return grants.take();
            } finally {
                waiting = null;
            }
        }

        @Override
        public void refreshReport() {
            LongSupplier w = waiting;
            if (w != null) reports.add(w.getAsLong());
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
