package dev.chronoscope.emulator.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmulationApiTest {

    private static final Duration REAL_LIMIT = Duration.ofSeconds(20);

    @BeforeAll
    static void instrumentJdkTime() {
        JdkTime.install();
    }

    @Test
    void emulatedThreadsFindTheirEmulationAndOthersDoNot() throws Exception {
        try (Emulation emulation = Emulation.builder().name("current").wallClockEpochMillis(1_700_000_000_000L).build()) {
            List<Object> seen = new ArrayList<>();
            emulation.start("probe", () -> {
                seen.add(Emulation.current().orElseThrow());
                try {
                    emulation.sleepUntil(2_500_000);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                seen.add(emulation.currentTimeMillis());
            });
            emulation.awaitCompletion(REAL_LIMIT);

            assertThat(seen).containsExactly(emulation, 1_700_000_000_002L);
            assertThat(Emulation.current()).isEmpty();
            assertThat(emulation.now()).as("the clock, read from outside").isEqualTo(2_500_000);
        }
    }

    @Test
    void threadFactoryNamesThreadsAndTheyRunInStartOrder() throws Exception {
        try (Emulation emulation = Emulation.builder().name("factory").build()) {
            EventLog log = new EventLog(emulation);
            ThreadFactory factory = emulation.threadFactory("rank", false);
            emulation.start("launcher", () -> {
                List<Thread> ranks = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    long millis = 3 - i;
                    Thread rank = factory.newThread(() -> {
                        log.record("running");
                        sleep(millis);
                    });
                    rank.start();
                    ranks.add(rank);
                }
                log.record("started all");
                for (Thread rank : ranks) {
                    join(rank);
                }
                log.record("joined all");
            });
            emulation.awaitCompletion(REAL_LIMIT);

            assertThat(log.entries()).containsExactly(
                    "0 launcher started all", "0 rank-0 running", "0 rank-1 running", "0 rank-2 running",
                    "3000000 launcher joined all");
        }
    }

    @Test
    void timersScheduledFromOutsideRunInOrderAndCancelledOnesDoNotMoveTheClock() throws Exception {
        try (Emulation emulation = Emulation.builder().name("timers").build()) {
            EventLog log = new EventLog(emulation);
            CountDownLatch both = new CountDownLatch(2);
            emulation.scheduleAt(7_000, () -> {
                log.record("second");
                both.countDown();
            });
            emulation.scheduleAt(3_000, () -> {
                log.record("first");
                both.countDown();
            });
            Future<?> cancelled = emulation.scheduleAt(9_000_000, () -> log.record("never"));
            assertThat(cancelled.cancel(false)).isTrue();
            emulation.start("waiter", () -> {
                try {
                    both.await();
                    log.record("both fired");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });

            assertThat(emulation.awaitCompletion(REAL_LIMIT)).isEqualTo(7_000);
            assertThat(log.entries()).containsExactly(
                    "3000 chronoscope-carrier-timers first",
                    "7000 chronoscope-carrier-timers second",
                    "7000 waiter both fired");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
