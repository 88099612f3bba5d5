package dev.chronoscope.emulator.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link Emulation#runUntil}: the carrier holds before events beyond the limit and says where. */
class HoldAndStepTest {

    private static final Duration REAL_LIMIT = Duration.ofSeconds(20);

    @BeforeAll
    static void instrumentJdkTime() {
        JdkTime.install();
    }

    /** One thread that wakes every 100 µs of virtual time, 100 times. */
    private static void startTicker(Emulation emulation) {
        emulation.start("ticker", () -> {
            try {
                for (int i = 1; i <= 100; i++) emulation.sleepUntil(i * 100_000L);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static long nextHold(BlockingQueue<Long> holds) throws InterruptedException {
        Long time = holds.poll(20, TimeUnit.SECONDS);
        assertThat(time).as("the carrier held within 20 s").isNotNull();
        return time;
    }

    @Test
    void pausedAtStartThenSteppedByVirtualTimeThenResumed() throws Exception {
        try (Emulation emulation = Emulation.builder().name("steps").build()) {
            BlockingQueue<Long> holds = new LinkedBlockingQueue<>();
            emulation.onHold(holds::add);
            emulation.runUntil(Long.MIN_VALUE);
            startTicker(emulation);
            CompletableFuture<Long> end = CompletableFuture.supplyAsync(() -> complete(emulation));

            assertThat(nextHold(holds)).as("paused before the first event").isZero();
            emulation.runUntil(1_000_000);
            assertThat(nextHold(holds)).as("the event at the limit runs, the next one waits").isEqualTo(1_000_000);
            assertThat(emulation.now()).isEqualTo(1_000_000);
            emulation.runUntil(2_550_000);
            assertThat(nextHold(holds)).isEqualTo(2_500_000);
            emulation.runUntil(2_550_001);
            assertThat(nextHold(holds)).as("a new limit short of the next event: held again, same instant").isEqualTo(2_500_000);
            assertThat(end).isNotDone();
            emulation.runUntil(Long.MAX_VALUE);
            assertThat(end.get(20, TimeUnit.SECONDS)).isEqualTo(10_000_000);
            assertThat(holds).as("no hold after resuming").isEmpty();
        }
    }

    @Test
    void aHeldEmulationCanBeStopped() throws Exception {
        Emulation emulation = Emulation.builder().name("held-stop").build();
        BlockingQueue<Long> holds = new LinkedBlockingQueue<>();
        emulation.onHold(holds::add);
        emulation.runUntil(300_000);
        startTicker(emulation);
        CompletableFuture<Long> end = CompletableFuture.supplyAsync(() -> complete(emulation));
        assertThat(nextHold(holds)).isEqualTo(300_000);
        emulation.close();
        assertThatThrownBy(() -> end.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .rootCause().hasMessageContaining("emulation 'held-stop' was stopped");
    }

    private static long complete(Emulation emulation) {
        try {
            return emulation.awaitCompletion(REAL_LIMIT);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
