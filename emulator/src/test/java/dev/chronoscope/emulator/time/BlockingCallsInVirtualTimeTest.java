package dev.chronoscope.emulator.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
}
