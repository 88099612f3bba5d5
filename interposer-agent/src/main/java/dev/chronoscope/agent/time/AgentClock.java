package dev.chronoscope.agent.time;

import dev.chronoscope.emulator.time.Emulation;

import java.util.Optional;

/**
 * What rewritten engine classes call instead of {@code System.nanoTime()} and
 * {@code System.currentTimeMillis()}: the emulation's virtual clock on an emulated thread, real time
 * anywhere else (the same rule the JDK's own instrumented classes follow).
 */
public final class AgentClock {
    private AgentClock() {}

    public static long nanoTime() {
        Optional<Emulation> emulation = Emulation.current();
        return emulation.isPresent() ? emulation.get().now() : System.nanoTime();
    }

    public static long currentTimeMillis() {
        Optional<Emulation> emulation = Emulation.current();
        return emulation.isPresent() ? emulation.get().currentTimeMillis() : System.currentTimeMillis();
    }
}
