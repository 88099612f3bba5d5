package dev.chronoscope.agent.run;

import java.util.Locale;

/** Prints where the emulation stands every few real seconds, on stderr, from a thread outside it. */
final class Progress {
    private static final long PERIOD_MILLIS = 5_000;
    private final Thread thread;

    private Progress(Thread thread) {
        this.thread = thread;
    }

    static Progress start(EmulationSession session) {
        Thread thread = Thread.ofPlatform().daemon().name("chronoscope-progress").start(() -> {
            try {
                while (true) {
                    Thread.sleep(PERIOD_MILLIS);
                    System.err.printf(Locale.ROOT, "chronoscope: virtual %.3f s, %,d requests finished, %,d kernels, %.1f s wall%n",
                            session.emulation().now() / 1e9, session.finishedRequests(), session.kernels(),
                            session.wallNanos() / 1e9);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return new Progress(thread);
    }

    void stop() {
        thread.interrupt();
    }
}
