package dev.chronoscope.emulator.coord.client;

import dev.chronoscope.emulator.time.Emulation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Emulated threads hand coordinator calls to a platform thread without ever parking. */
class PlatformCallsTest {

    /** With an executor's queue as the hand-off this hung within a second (one thread parked on the queue's lock). */
    @Test
    void manyEmulatedThreadsOnTheOneCarrierHandOffCallsAtOnceWithoutStarvingEachOther() throws Exception {
        PlatformCalls calls = new PlatformCalls("test-calls");
        AtomicInteger onPlatformThreads = new AtomicInteger();
        int threads = 8, callsEach = 2_000;
        try (Emulation emulation = Emulation.builder().name("hand-off").build()) {
            for (int t = 0; t < threads; t++) {
                emulation.start("reader-" + t, () -> {
                    for (int i = 0; i < callsEach; i++) {
                        calls.run(() -> {
                            if (!Thread.currentThread().isVirtual()) onPlatformThreads.incrementAndGet();
                        });
                    }
                });
            }
            emulation.awaitCompletion(Duration.ofSeconds(20));
        }
        assertThat(onPlatformThreads.get()).isEqualTo(threads * callsEach);
    }

    @Test
    void whatTheCallThrowsReachesTheCallerUnwrappedAndAPlatformCallerRunsItItself() throws Exception {
        PlatformCalls calls = new PlatformCalls("test-calls");
        Thread caller = Thread.currentThread();
        calls.run(() -> assertThat(Thread.currentThread()).isSameAs(caller));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread virtual = Thread.ofVirtual().start(() -> {
            try {
                calls.run(() -> {
                    throw new IllegalStateException("the coordinator failed the run");
                });
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        virtual.join();
        assertThat(thrown.get()).isInstanceOf(IllegalStateException.class).hasMessage("the coordinator failed the run");
    }
}
