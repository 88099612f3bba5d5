package dev.chronoscope.agent.time;

import dev.chronoscope.agent.thread.EngineExit;
import dev.chronoscope.emulator.time.Emulation;
import dev.chronoscope.emulator.time.JdkTimeInstrumentation;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The fixture's bytes rewritten as the agent rewrites the engine's, then run inside and outside an emulation. */
class EngineCallRewriterTest {
    private static Class<?> rewritten;

    @BeforeAll
    static void rewriteFixture() throws Exception {
        JdkTimeInstrumentation.install(ByteBuddyAgent.install());
        byte[] original;
        try (InputStream in = ClockUser.class.getResourceAsStream("ClockUser.class")) {
            original = in.readAllBytes();
        }
        byte[] bytes = EngineCallRewriter.rewrite(original);
        assertThat(bytes).isNotNull();
        rewritten = new ClassLoader(EngineCallRewriterTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.equals(ClockUser.class.getName())) {
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> c = findLoadedClass(name);
                        return c != null ? c : defineClass(name, bytes, 0, bytes.length);
                    }
                }
                return super.loadClass(name, resolve);
            }
        }.loadClass(ClockUser.class.getName());
    }

    private static Object call(String method, Object... args) throws Exception {
        for (Method m : rewritten.getMethods()) {
            if (m.getName().equals(method)) {
                try {
                    return m.invoke(null, args);
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof Exception ex) throw ex;
                    throw (Error) e.getCause();
                }
            }
        }
        throw new NoSuchMethodException(method);
    }

    @Test
    void clocksReadVirtualTimeOnEmulatedThreadsAndRealTimeElsewhere() throws Exception {
        long realBefore = System.nanoTime();
        assertThat((long) call("now")).isGreaterThanOrEqualTo(realBefore);
        AtomicReference<long[]> seen = new AtomicReference<>();
        try (Emulation emulation = Emulation.builder().wallClockEpochMillis(5_000).build()) {
            emulation.start("engine", () -> {
                try {
                    Thread.sleep(3);
                    LongSupplier reference = (LongSupplier) call("clockReference");
                    seen.set(new long[]{(long) call("now"), reference.getAsLong(), (long) call("millis")});
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            emulation.awaitCompletion(Duration.ofSeconds(30));
        }
        assertThat(seen.get()).containsExactly(3_000_000L, 3_000_000L, 5_003L);
    }

    @Test
    void platformThreadsBecomeEmulatedThreadsWithTheEnginesName() throws Exception {
        AtomicReference<String> ranOn = new AtomicReference<>();
        AtomicReference<Long> endedAt = new AtomicReference<>();
        try (Emulation emulation = Emulation.builder().build()) {
            emulation.start("engine", () -> {
                try {
                    Thread t = (Thread) call("platformThread", (Runnable) () -> {
                        ranOn.set(Thread.currentThread().getName() + (Thread.currentThread().isVirtual() ? " (emulated)" : ""));
                        try {
                            Thread.sleep(7);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                    t.start();
                    t.join();
                    endedAt.set(Emulation.current().orElseThrow().now());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            emulation.awaitCompletion(Duration.ofSeconds(30));
        }
        assertThat(ranOn.get()).isEqualTo("engine-thread (emulated)");
        assertThat(endedAt.get()).isEqualTo(7_000_000L);
        Thread outside = (Thread) call("platformThread", (Runnable) () -> { });
        assertThat(outside.isVirtual()).isFalse();
    }

    @Test
    void exitOnAnEmulatedThreadUnwindsItInsteadOfEndingTheJvm() throws Exception {
        AtomicReference<Integer> status = new AtomicReference<>();
        try (Emulation emulation = Emulation.builder().build()) {
            emulation.start("engine", () -> {
                try {
                    call("exit", 3);
                } catch (EngineExit e) {
                    status.set(e.status());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            emulation.awaitCompletion(Duration.ofSeconds(30));
        }
        assertThat(status.get()).isEqualTo(3);
    }

    @Test
    void classesWithoutSuchCallsAreLeftAlone() throws IOException {
        try (InputStream in = EngineCallRewriterTest.class.getResourceAsStream("/dev/chronoscope/agent/AgentOptions.class")) {
            assertThat(EngineCallRewriter.rewrite(in.readAllBytes())).isNull();
        }
    }
}
