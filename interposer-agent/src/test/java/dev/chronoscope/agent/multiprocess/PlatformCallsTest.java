package dev.chronoscope.agent.multiprocess;

import dev.chronoscope.emulator.time.Emulation;
import dev.chronoscope.emulator.time.JdkTimeInstrumentation;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Emulated threads hand coordinator calls to a platform thread without ever parking. */
class PlatformCallsTest {

    @BeforeAll
    static void instrument() {
        JdkTimeInstrumentation.install(ByteBuddyAgent.install());
    }

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
                        calls.runSpinning(() -> {
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
    void whatTheCallThrowsReachesTheCallerUnwrapped() {
        PlatformCalls calls = new PlatformCalls("test-calls");
        assertThatThrownBy(() -> calls.runSpinning(() -> {
            throw new IllegalStateException("the coordinator failed the run");
        })).isInstanceOf(IllegalStateException.class).hasMessage("the coordinator failed the run");
    }
}
