package dev.chronoscope.agent.thread;

import dev.chronoscope.emulator.time.Emulation;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * What rewritten engine classes call to create threads and to exit. On an emulated thread every new
 * thread becomes an emulated thread of the same emulation, keeping the name and daemon flag the
 * engine's builder would have given it (a platform thread would run in real time, outside the
 * emulator's scheduler); anywhere else the engine's own call runs unchanged.
 */
public final class AgentThreads {
    private static final Runnable NOTHING = () -> {};

    private AgentThreads() {}

    public static Thread unstarted(Thread.Builder builder, Runnable task) {
        Optional<Emulation> emulation = Emulation.current();
        if (emulation.isEmpty()) return builder.unstarted(task);
        return emulated(emulation.get(), builder.unstarted(NOTHING), task);
    }

    public static Thread start(Thread.Builder builder, Runnable task) {
        Thread thread = unstarted(builder, task);
        thread.start();
        return thread;
    }

    public static ThreadFactory factory(Thread.Builder builder) {
        Optional<Emulation> emulation = Emulation.current();
        ThreadFactory engines = builder.factory();
        if (emulation.isEmpty()) return engines;
        Emulation e = emulation.get();
        return task -> emulated(e, engines.newThread(NOTHING), task);
    }

    /** Virtual threads are daemons: so are their emulated stand-ins. */
    public static ExecutorService newVirtualThreadPerTaskExecutor() {
        Optional<Emulation> emulation = Emulation.current();
        if (emulation.isEmpty()) return Executors.newVirtualThreadPerTaskExecutor();
        return Executors.newThreadPerTaskExecutor(emulation.get().threadFactory("virtual", true));
    }

    public static Thread startVirtualThread(Runnable task) {
        Optional<Emulation> emulation = Emulation.current();
        if (emulation.isEmpty()) return Thread.startVirtualThread(task);
        Thread thread = emulation.get().newThread("virtual", true, task);
        thread.start();
        return thread;
    }

    /**
     * {@code System.exit} from an emulated thread ends the emulated program, not this JVM: the agent
     * still has to close the run folder. It unwinds the calling thread with {@link EngineExit}.
     */
    public static void exit(int status) {
        if (Emulation.current().isEmpty()) System.exit(status);
        throw new EngineExit(status);
    }

    private static Thread emulated(Emulation emulation, Thread template, Runnable task) {
        return emulation.newThread(template.getName(), template.isDaemon(), task);
    }
}
