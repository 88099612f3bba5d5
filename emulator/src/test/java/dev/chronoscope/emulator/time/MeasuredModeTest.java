package dev.chronoscope.emulator.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Measured mode: real CPU time advances each emulated thread's own virtual time. */
class MeasuredModeTest {

    private static final long MS = 1_000_000L;

    @BeforeAll
    static void instrumentJdkTime() {
        JdkTime.install();
    }

    @Test
    void cpuHeavyWorkTakesVirtualTimeAndThreadsAdvanceIndependently() throws Exception {
        long[] busy = new long[4];
        long realStart = System.nanoTime();
        long end;
        try (Emulation emulation = Emulation.builder().name("measured").mode(TimeMode.MEASURED).build()) {
            emulation.start("cruncher", () -> {
                busy[0] = emulation.now();
                long checksum = crunch();
                busy[1] = emulation.now();
                sleep(1);
                busy[2] = emulation.now() + (checksum == 42 ? 1 : 0);
            });
            emulation.start("other", () -> busy[3] = emulation.now());
            end = emulation.awaitCompletion(Duration.ofSeconds(30));
        }
        long realElapsed = System.nanoTime() - realStart;

        long crunchTime = busy[1] - busy[0];
        assertThat(crunchTime).as("virtual time charged for the CPU-heavy loop").isPositive();
        assertThat(crunchTime).as("CPU time of one thread cannot exceed real time").isLessThan(realElapsed);
        assertThat(busy[2] - busy[1]).as("a 1 ms sleep").isGreaterThanOrEqualTo(MS);
        assertThat(busy[3]).as("'other' started at virtual 0, not after the cruncher's CPU time").isLessThan(busy[1]);
        assertThat(end).isGreaterThanOrEqualTo(busy[2]);
    }

    private static long crunch() {
        long x = 1;
        for (int i = 0; i < 20_000_000; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
