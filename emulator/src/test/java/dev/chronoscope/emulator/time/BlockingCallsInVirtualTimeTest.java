package dev.chronoscope.emulator.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BlockingCallsInVirtualTimeTest {

    private static final Duration REAL_LIMIT = Duration.ofSeconds(20);
    private static final long MS = 1_000_000L;

    @BeforeAll
    static void instrumentJdkTime() {
        JdkTime.install();
    }

    @Test
    void queueWithSleepsAndATimedPollThatTimesOutAtItsDeadline() throws Exception {
        try (Emulation emulation = Emulation.builder().name("queue").build()) {
            EventLog log = new EventLog(emulation);
            BlockingQueue<Integer> queue = new LinkedBlockingQueue<>();
            emulation.start("producer", () -> {
                try {
                    for (int i = 1; i <= 3; i++) {
                        Thread.sleep(10);
                        queue.put(i);
                        log.record("put " + i);
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            emulation.start("consumer", () -> {
                try {
                    Integer value;
                    while ((value = queue.poll(25, TimeUnit.MILLISECONDS)) != null) {
                        log.record("took " + value);
                    }
                    log.record("timed out");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });

            long end = emulation.awaitCompletion(REAL_LIMIT);

            assertThat(log.entries()).containsExactly(
                    10 * MS + " producer put 1",
                    10 * MS + " consumer took 1",
                    20 * MS + " producer put 2",
                    20 * MS + " consumer took 2",
                    30 * MS + " producer put 3",
                    30 * MS + " consumer took 3",
                    55 * MS + " consumer timed out");
            assertThat(end).isEqualTo(55 * MS);
        }
    }

    @Test
    void latchAndFutureWithTimedWaits() throws Exception {
        try (Emulation emulation = Emulation.builder().name("latch").build()) {
            EventLog log = new EventLog(emulation);
            CountDownLatch ready = new CountDownLatch(2);
            CompletableFuture<String> answer = new CompletableFuture<>();
            emulation.start("worker-a", () -> sleepThen(7, ready::countDown, log, "counted down"));
            emulation.start("worker-b", () -> {
                LockSupport.parkNanos(3_000_123);
                log.record("parked 3000123 ns");
                ready.countDown();
                log.record("counted down");
            });
            emulation.start("waiter", () -> {
                try {
                    boolean early = ready.await(5, TimeUnit.MILLISECONDS);
                    log.record("await(5 ms) -> " + early);
                    ready.await();
                    log.record("latch open");
                    answer.get(1, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    log.record("get(1 ms) timed out");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                try {
                    log.record("got " + answer.get(100, TimeUnit.MILLISECONDS));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            emulation.start("completer", () -> sleepThen(40, () -> answer.complete("42"), log, "completed"));

            assertThat(emulation.awaitCompletion(REAL_LIMIT)).isEqualTo(40 * MS);
            assertThat(log.entries()).containsExactly(
                    "3000123 worker-b parked 3000123 ns",
                    "3000123 worker-b counted down",
                    5 * MS + " waiter await(5 ms) -> false",
                    7 * MS + " worker-a counted down",
                    7 * MS + " waiter latch open",
                    8 * MS + " waiter get(1 ms) timed out",
                    40 * MS + " completer completed",
                    40 * MS + " waiter got 42");
        }
    }

    @Test
    void lockAndConditionWithTimedAwait() throws Exception {
        try (Emulation emulation = Emulation.builder().name("condition").build()) {
            EventLog log = new EventLog(emulation);
            ReentrantLock lock = new ReentrantLock();
            Condition changed = lock.newCondition();
            int[] value = {0};
            emulation.start("waiter", () -> {
                lock.lock();
                try {
                    while (value[0] < 2) {
                        long left = changed.awaitNanos(15 * MS);
                        log.record("woke, value " + value[0] + ", " + left + " ns left");
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                } finally {
                    lock.unlock();
                }
            });
            emulation.start("holder", () -> {
                try {
                    Thread.sleep(4);
                    lock.lock();
                    try {
                        log.record("holds the lock");
                        Thread.sleep(6);
                        value[0] = 1;
                        changed.signalAll();
                    } finally {
                        lock.unlock();
                    }
                    Thread.sleep(30);
                    lock.lock();
                    try {
                        value[0] = 2;
                        changed.signal();
                    } finally {
                        lock.unlock();
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });

            assertThat(emulation.awaitCompletion(REAL_LIMIT)).isEqualTo(40 * MS);
            assertThat(log.entries()).containsExactly(
                    4 * MS + " holder holds the lock",
                    10 * MS + " waiter woke, value 1, " + 5 * MS + " ns left",
                    25 * MS + " waiter woke, value 1, 0 ns left",
                    40 * MS + " waiter woke, value 2, " + 0 + " ns left");
        }
    }

    @Test
    void sleepUntilChargeAndDeviceTimers() throws Exception {
        try (Emulation emulation = Emulation.builder().name("device").build()) {
            EventLog log = new EventLog(emulation);
            CountDownLatch kernelDone = new CountDownLatch(1);
            emulation.start("host", () -> {
                try {
                    emulation.charge(1_500);
                    log.record("launch");
                    emulation.scheduleAt(emulation.now() + 2 * MS, () -> {
                        log.record("kernel done");
                        kernelDone.countDown();
                    });
                    kernelDone.await();
                    log.record("synchronized");
                    emulation.sleepUntil(3 * MS);
                    log.record("slept until 3 ms");
                    emulation.sleepUntil(MS);
                    log.record("sleepUntil the past returns at once");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });

            assertThat(emulation.awaitCompletion(REAL_LIMIT)).isEqualTo(3 * MS);
            assertThat(log.entries()).containsExactly(
                    "1500 host launch",
                    "2001500 chronoscope-carrier-device kernel done",
                    "2001500 host synchronized",
                    3 * MS + " host slept until 3 ms",
                    3 * MS + " host sleepUntil the past returns at once");
        }
    }

    @Test
    void monitorsWaitAndNotifyAcrossParkedHolders() throws Exception {
        try (Emulation emulation = Emulation.builder().name("monitor").build()) {
            EventLog log = new EventLog(emulation);
            Object monitor = new Object();
            boolean[] ready = {false};
            for (int i = 0; i < 3; i++) {
                emulation.start("waiter-" + i, () -> {
                    synchronized (monitor) {
                        while (!ready[0]) {
                            try {
                                monitor.wait();
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                        log.record("saw ready");
                    }
                });
            }
            emulation.start("notifier", () -> {
                synchronized (monitor) {
                    sleepThen(5, () -> ready[0] = true, log, "set ready while holding the monitor");
                    monitor.notifyAll();
                }
                sleepThen(1, () -> { }, log, "done");
            });

            assertThat(emulation.awaitCompletion(REAL_LIMIT)).isEqualTo(6 * MS);
            assertThat(log.entries()).containsExactly(
                    5 * MS + " notifier set ready while holding the monitor",
                    5 * MS + " waiter-0 saw ready",
                    5 * MS + " waiter-1 saw ready",
                    5 * MS + " waiter-2 saw ready",
                    6 * MS + " notifier done");
        }
    }

    @Test
    void interruptWakesASleeperAtTheInterruptersTime() throws Exception {
        try (Emulation emulation = Emulation.builder().name("interrupt").build()) {
            EventLog log = new EventLog(emulation);
            Thread sleeper = emulation.start("sleeper", () -> {
                try {
                    Thread.sleep(100);
                    log.record("slept");
                } catch (InterruptedException e) {
                    log.record("interrupted in sleep");
                }
                try {
                    emulation.sleepUntil(500 * MS);
                    log.record("slept until 500 ms");
                } catch (InterruptedException e) {
                    log.record("interrupted in sleepUntil");
                }
            });
            emulation.start("interrupter", () -> {
                sleepThen(7, sleeper::interrupt, log, "interrupted the sleeper");
                sleepThen(2, sleeper::interrupt, log, "interrupted the sleeper again");
            });

            assertThat(emulation.awaitCompletion(REAL_LIMIT)).isEqualTo(9 * MS);
            assertThat(log.entries()).containsExactly(
                    7 * MS + " interrupter interrupted the sleeper",
                    7 * MS + " sleeper interrupted in sleep",
                    9 * MS + " interrupter interrupted the sleeper again",
                    9 * MS + " sleeper interrupted in sleepUntil");
        }
    }

    @Test
    void barrierReleasesEveryRankAtTheLastArrivalLikeACollective() throws Exception {
        try (Emulation emulation = Emulation.builder().name("collective").build()) {
            EventLog log = new EventLog(emulation);
            CyclicBarrier allReduce = new CyclicBarrier(4);
            long[] arrivals = {3 * MS, 1 * MS, 7 * MS, 2 * MS};
            for (int rank = 0; rank < arrivals.length; rank++) {
                long arrival = arrivals[rank];
                emulation.start("rank-" + rank, () -> {
                    try {
                        emulation.sleepUntil(arrival);
                        allReduce.await();
                        emulation.sleepUntil(emulation.now() + 500_000);
                        log.record("all-reduce done");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }

            assertThat(emulation.awaitCompletion(REAL_LIMIT)).isEqualTo(7_500_000);
            assertThat(log.entries()).as("the last to arrive goes on first, then the others in arrival order")
                    .containsExactly(
                            "7500000 rank-2 all-reduce done",
                            "7500000 rank-1 all-reduce done",
                            "7500000 rank-3 all-reduce done",
                            "7500000 rank-0 all-reduce done");
        }
    }

    @Test
    void timedObjectWaitTimesOutAtItsDeadline() throws Exception {
        try (Emulation emulation = Emulation.builder().name("timed-wait").build()) {
            EventLog log = new EventLog(emulation);
            Object monitor = new Object();
            emulation.start("waiter", () -> {
                synchronized (monitor) {
                    try {
                        monitor.wait(4);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    log.record("wait(4) returned");
                }
            });

            assertThat(emulation.awaitCompletion(REAL_LIMIT)).isEqualTo(4 * MS);
            assertThat(log.entries()).containsExactly(4 * MS + " waiter wait(4) returned");
        }
    }

    @Test
    void scheduledExecutorOnEmulatedThreadsRunsAtFixedVirtualRate() throws Exception {
        try (Emulation emulation = Emulation.builder().name("scheduled").build()) {
            EventLog log = new EventLog(emulation);
            emulation.start("main", () -> {
                ScheduledExecutorService ticker =
                        Executors.newSingleThreadScheduledExecutor(emulation.threadFactory("ticker", true));
                CountDownLatch threeTicks = new CountDownLatch(3);
                ticker.scheduleAtFixedRate(() -> {
                    log.record("tick");
                    threeTicks.countDown();
                }, 5, 10, TimeUnit.MILLISECONDS);
                try {
                    threeTicks.await();
                    ticker.shutdownNow();
                    log.record("stopped the ticker");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });

            assertThat(emulation.awaitCompletion(REAL_LIMIT)).isEqualTo(25 * MS);
            assertThat(log.entries()).containsExactly(
                    5 * MS + " ticker-0 tick",
                    15 * MS + " ticker-0 tick",
                    25 * MS + " ticker-0 tick",
                    25 * MS + " main stopped the ticker");
        }
    }

    private static void sleepThen(long millis, Runnable action, EventLog log, String what) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        action.run();
        log.record(what);
    }
}
