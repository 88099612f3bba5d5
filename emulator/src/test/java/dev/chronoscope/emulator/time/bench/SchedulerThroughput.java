package dev.chronoscope.emulator.time.bench;

import dev.chronoscope.emulator.time.Emulation;
import dev.chronoscope.emulator.time.JdkTimeInstrumentation;
import dev.chronoscope.emulator.time.TimeMode;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * Prints how much real time the emulator spends per thread switch and per timed wait, in modeled
 * mode: {@code java --add-opens java.base/java.lang=ALL-UNNAMED -XX:+EnableDynamicAgentLoading
 * -cp <test classpath> dev.chronoscope.emulator.time.bench.SchedulerThroughput [threads]}.
 */
public final class SchedulerThroughput {

    private static final int ROUND_TRIPS = 200_000;
    private static final int SLEEPS = 200_000;

    private SchedulerThroughput() {
    }

    public static void main(String[] args) throws Exception {
        JdkTimeInstrumentation.install(ByteBuddyAgent.install());
        int idleThreads = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        for (int round = 0; round < 3; round++) {
            report("ping-pong round trip (2 switches)", ROUND_TRIPS, pingPong(idleThreads));
            report("Thread.sleep(1 ms) (timer + switch)", SLEEPS, sleeps(idleThreads));
        }
    }

    private static void report(String what, int count, long realNanos) {
        System.out.printf("%-40s %8.0f ns real each (%d in %d ms)%n", what, (double) realNanos / count, count,
                realNanos / 1_000_000);
    }

    private static long pingPong(int idleThreads) throws InterruptedException {
        try (Emulation emulation = Emulation.builder().name("ping-pong").mode(TimeMode.MODELED).build()) {
            startIdle(emulation, idleThreads);
            BlockingQueue<Integer> ping = new LinkedBlockingQueue<>();
            BlockingQueue<Integer> pong = new LinkedBlockingQueue<>();
            emulation.start("ping", () -> exchange(ping, pong, true));
            emulation.start("pong", () -> exchange(pong, ping, false));
            return timed(emulation);
        }
    }

    private static long sleeps(int idleThreads) throws InterruptedException {
        try (Emulation emulation = Emulation.builder().name("sleeps").mode(TimeMode.MODELED).build()) {
            startIdle(emulation, idleThreads);
            emulation.start("sleeper", () -> {
                try {
                    for (int i = 0; i < SLEEPS; i++) {
                        Thread.sleep(1);
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            return timed(emulation);
        }
    }

    private static void startIdle(Emulation emulation, int count) {
        BlockingQueue<Integer> never = new LinkedBlockingQueue<>();
        for (int i = 0; i < count; i++) {
            emulation.newThread("idle-" + i, true, () -> {
                try {
                    never.take();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }).start();
        }
    }

    private static long timed(Emulation emulation) throws InterruptedException {
        long start = System.nanoTime();
        emulation.awaitCompletion(Duration.ofMinutes(5));
        return System.nanoTime() - start;
    }

    private static void exchange(BlockingQueue<Integer> in, BlockingQueue<Integer> out, boolean serve) {
        try {
            if (serve) {
                out.put(0);
            }
            for (int i = 0; i < ROUND_TRIPS; i++) {
                Integer value = in.take();
                if (!serve || i < ROUND_TRIPS - 1) {
                    out.put(value + 1);
                }
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
