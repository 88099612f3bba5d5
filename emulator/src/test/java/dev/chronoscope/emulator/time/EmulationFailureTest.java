package dev.chronoscope.emulator.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmulationFailureTest {

    private static final Duration REAL_LIMIT = Duration.ofSeconds(20);

    @BeforeAll
    static void instrumentJdkTime() {
        JdkTime.install();
    }

    @Test
    void deadlockIsReportedWithEveryThreadAndItsBlockingCall() throws Exception {
        try (Emulation emulation = Emulation.builder().name("deadlock").build()) {
            ReentrantLock first = new ReentrantLock();
            ReentrantLock second = new ReentrantLock();
            BlockingQueue<String> neverFed = new LinkedBlockingQueue<>();
            emulation.start("left", () -> lockBoth(first, second));
            emulation.start("right", () -> lockBoth(second, first));
            emulation.start("reader", () -> {
                try {
                    neverFed.take();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });

            DeadlockException deadlock = catchThrowableOfType(DeadlockException.class,
                    () -> emulation.awaitCompletion(REAL_LIMIT));

            assertThat(deadlock.virtualTime()).isEqualTo(1_000_000);
            assertThat(deadlock.getMessage())
                    .startsWith("deadlock at virtual time 0.001000000 s (1000000 ns): all 3 emulated threads are blocked")
                    .contains("\"left\" WAITING", "\"right\" WAITING", "\"reader\" WAITING");
            assertThat(deadlock.threads()).extracting(ThreadSnapshot::name).containsExactly("left", "right", "reader");
            assertThat(deadlock.threads().get(0).stack())
                    .anyMatch(frame -> frame.getClassName().equals(ReentrantLock.class.getName())
                            && frame.getMethodName().equals("lock"));
            assertThat(deadlock.threads().get(2).stack())
                    .anyMatch(frame -> frame.getClassName().equals(LinkedBlockingQueue.class.getName())
                            && frame.getMethodName().equals("take"));
        }
    }

    @Test
    void aThreadThatThrowsFailsTheEmulationWithItsNameAndTime() throws Exception {
        try (Emulation emulation = Emulation.builder().name("failing").build()) {
            emulation.start("bad", () -> {
                sleep(2);
                throw new IllegalArgumentException("boom");
            });
            emulation.start("patient", () -> sleep(50));

            assertThatThrownBy(() -> emulation.awaitCompletion(REAL_LIMIT))
                    .isInstanceOf(EmulatedThreadFailedException.class)
                    .hasMessageStartingWith("emulated thread 'bad' failed at virtual time 0.002000000 s")
                    .hasCauseInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aFailingTimerFailsTheEmulationWithItsTime() throws Exception {
        try (Emulation emulation = Emulation.builder().name("timer").build()) {
            emulation.scheduleAt(1_500, () -> {
                throw new IllegalStateException("device exploded");
            });
            emulation.start("host", () -> sleep(1));

            assertThatThrownBy(() -> emulation.awaitCompletion(REAL_LIMIT))
                    .isExactlyInstanceOf(EmulationException.class)
                    .hasMessage("timer at virtual time 0.000001500 s (1500 ns) failed:"
                            + " java.lang.IllegalStateException: device exploded")
                    .hasCauseInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aSpinningThreadEndsTheWaitAfterTheRealTimeLimitWithItsName() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        try (Emulation emulation = Emulation.builder().name("spinning").build()) {
            emulation.start("spinner", () -> {
                while (!stop.get()) {
                    Thread.onSpinWait();
                }
            });
            try {
                assertThatThrownBy(() -> emulation.awaitCompletion(Duration.ofMillis(300)))
                        .isInstanceOf(EmulationTimeoutException.class)
                        .hasMessageContaining("did not finish within PT0.3S of real time")
                        .hasMessageContaining("'spinner' is running");
            } finally {
                stop.set(true);
            }
        }
    }

    @Test
    void waitingInVirtualTimeFromAnOrdinaryThreadIsRefused() throws Exception {
        try (Emulation emulation = Emulation.builder().name("misuse").build()) {
            assertThatThrownBy(() -> emulation.sleepUntil(5))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("sleepUntil(5) called from")
                    .hasMessageContaining("not an emulated thread of emulation 'misuse'");
            assertThatThrownBy(() -> emulation.charge(5))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not an emulated thread");
            assertThat(emulation.now()).isZero();
        }
    }

    @Test
    void aFinishedEmulationRefusesNewThreads() throws Exception {
        try (Emulation emulation = Emulation.builder().name("finished").build()) {
            emulation.start("only", () -> sleep(1));
            emulation.awaitCompletion(REAL_LIMIT);

            assertThatThrownBy(() -> emulation.start("late", () -> { }))
                    .isInstanceOf(RejectedExecutionException.class)
                    .hasMessage("emulation 'finished' has finished or is closed");
        }
    }

    @Test
    void chargingANegativeDurationOrAwaitingFromInsideIsRefused() throws Exception {
        try (Emulation emulation = Emulation.builder().name("inside").build()) {
            emulation.start("driver", () -> {
                try {
                    emulation.awaitCompletion(REAL_LIMIT);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThatThrownBy(() -> emulation.awaitCompletion(REAL_LIMIT))
                    .isInstanceOf(EmulatedThreadFailedException.class)
                    .hasRootCauseMessage("awaitCompletion called from emulated thread driver;"
                            + " call it from the thread that drives the emulation");
        }
        try (Emulation emulation = Emulation.builder().name("negative").build()) {
            emulation.start("charger", () -> {
                try {
                    emulation.charge(-1);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThatThrownBy(() -> emulation.awaitCompletion(REAL_LIMIT))
                    .hasRootCauseInstanceOf(IllegalArgumentException.class)
                    .hasRootCauseMessage("cannot charge a negative duration: -1 ns");
        }
    }

    @Test
    void blockedDaemonThreadsDoNotKeepTheEmulationAlive() throws Exception {
        try (Emulation emulation = Emulation.builder().name("daemon").build()) {
            BlockingQueue<String> neverFed = new LinkedBlockingQueue<>();
            emulation.newThread("background", true, () -> {
                try {
                    neverFed.take();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }).start();
            emulation.start("main", () -> sleep(3));

            assertThat(emulation.awaitCompletion(REAL_LIMIT)).isEqualTo(3_000_000);
        }
    }

    private static void lockBoth(ReentrantLock a, ReentrantLock b) {
        a.lock();
        try {
            sleep(1);
            b.lock();
            b.unlock();
        } finally {
            a.unlock();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
