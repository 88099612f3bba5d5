package dev.chronoscope.agent.time;

import java.util.function.LongSupplier;

/** Fixture for {@link EngineCallRewriterTest}: the calls the rewriter must redirect, as engine code makes them. */
public final class ClockUser {
    private ClockUser() {}

    public static long now() { return System.nanoTime(); }

    public static long millis() { return System.currentTimeMillis(); }

    public static LongSupplier clockReference() { return System::nanoTime; }

    public static Thread platformThread(Runnable task) { return Thread.ofPlatform().name("engine-thread").unstarted(task); }

    public static void exit(int status) { System.exit(status); }
}
