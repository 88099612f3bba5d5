package dev.chronoscope.emulator.time.shim;

import java.util.function.LongSupplier;

/**
 * What instrumented JDK classes call instead of {@code System.nanoTime()} and
 * {@code System.currentTimeMillis()}. It is loaded by the bootstrap class loader (JDK classes can
 * see nothing else), from a small jar that {@code JdkTimeInstrumentation} appends to the bootstrap
 * search path, and it forwards to hooks that the emulator installs.
 *
 * <p>Never reference this class from other code: that would load a second, unhooked copy through
 * the application class loader.
 */
public final class JdkClockShim {

    private static volatile LongSupplier nanoTime;
    private static volatile LongSupplier currentTimeMillis;

    private JdkClockShim() {
    }

    public static long nanoTime() {
        LongSupplier hook = nanoTime;
        return hook == null ? System.nanoTime() : hook.getAsLong();
    }

    public static long currentTimeMillis() {
        LongSupplier hook = currentTimeMillis;
        return hook == null ? System.currentTimeMillis() : hook.getAsLong();
    }

    public static void install(LongSupplier nanoTimeHook, LongSupplier currentTimeMillisHook) {
        nanoTime = nanoTimeHook;
        currentTimeMillis = currentTimeMillisHook;
    }
}
