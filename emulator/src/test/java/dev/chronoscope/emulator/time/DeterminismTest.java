package dev.chronoscope.emulator.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same program gives the same virtual timeline, run after run, whatever else the machine does. */
class DeterminismTest {

    private static final int RUNS = 5;

    @BeforeAll
    static void instrumentJdkTime() {
        JdkTime.install();
    }

    @Test
    void sameProgramGivesAnIdenticalTimelineEvenWhileACoreIsBusy() throws Exception {
        List<String> reference = runProgram();
        assertThat(reference).hasSize(126);

        for (int run = 1; run < RUNS; run++) {
            assertThat(runProgram()).as("run %d", run).isEqualTo(reference);
        }
        AtomicBoolean spin = new AtomicBoolean(true);
        Thread spinner = Thread.ofPlatform().name("busy-core").start(() -> {
            while (spin.get()) {
                Thread.onSpinWait();
            }
        });
        try {
            for (int run = 0; run < RUNS; run++) {
                assertThat(runProgram()).as("run %d with a busy core", run).isEqualTo(reference);
            }
        } finally {
            spin.set(false);
            spinner.join();
        }
    }

    @Test
    void aSlowJdkUnblockerThreadDoesNotChangeTheTimeline() throws Exception {
        List<String> reference = runProgram();
        try (SlowUnblocker slow = new SlowUnblocker(TimeUnit.MILLISECONDS.toNanos(1))) {
            for (int run = 0; run < 2; run++) {
                assertThat(runProgram()).as("run %d with a slow unblocker", run).isEqualTo(reference);
            }
        }
    }

    /** Workers contend for a monitor, a lock and a queue with seeded random timings. */
    private static List<String> runProgram() throws InterruptedException {
        try (Emulation emulation = Emulation.builder().name("determinism").build()) {
            EventLog log = new EventLog(emulation);
            BlockingQueue<Integer> work = new LinkedBlockingQueue<>();
            Object monitor = new Object();
            ReentrantLock lock = new ReentrantLock();
            List<Integer> shared = new ArrayList<>();
            ExecutorService pool = Executors.newFixedThreadPool(2, emulation.threadFactory("pool", true));
            for (int w = 0; w < 4; w++) {
                Random random = new Random(w);
                emulation.start("worker-" + w, () -> {
                    try {
                        for (Integer item; (item = work.poll(3, TimeUnit.MILLISECONDS)) != null; ) {
                            synchronized (monitor) {
                                Thread.sleep(0, random.nextInt(100_000));
                                shared.add(item);
                                log.record("monitor " + item);
                            }
                            lock.lock();
                            try {
                                LockSupport.parkNanos(random.nextInt(50_000));
                                log.record("lock " + item);
                            } finally {
                                lock.unlock();
                            }
                            Thread.yield();
                        }
                        log.record("idle");
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            emulation.start("producer", () -> {
                Random random = new Random(42);
                try {
                    for (int item = 0; item < 40; item++) {
                        Thread.sleep(0, random.nextInt(40_000));
                        work.put(item);
                        int square = item;
                        Future<Integer> result = pool.submit(() -> square * square);
                        CompletableFuture.completedFuture(result.get())
                                .thenAccept(value -> log.record("pool " + value));
                    }
                    pool.shutdown();
                    log.record("pool terminated " + pool.awaitTermination(1, TimeUnit.SECONDS));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            log.record("end at " + emulation.awaitCompletion(Duration.ofSeconds(30)));
            return log.entries();
        }
    }
}
