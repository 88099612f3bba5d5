package dev.chronoscope.agent.multiprocess;

/**
 * The JDK wakes a virtual thread blocked on a socket through its I/O pollers. By default on Linux
 * those pollers are themselves virtual threads, started lazily by the first thread that blocks on
 * a socket and inheriting that thread's scheduler: started from an emulated thread they would land
 * on the emulation's scheduler, which refuses them. Platform-thread pollers ({@code jdk.pollerMode=1})
 * stay outside the emulation; their wake-ups reach it as outside work (see CoordinatedTimeGate).
 */
public final class SocketPollers {
    private static final String POLLER_MODE = "jdk.pollerMode";

    private SocketPollers() {}

    /** Must run before the JDK's Poller class initialises (premain, before the engine's main). */
    public static void usePlatformThreads() {
        String mode = System.getProperty(POLLER_MODE);
        if (mode != null && !mode.equals("1")) {
            throw new IllegalArgumentException("-D" + POLLER_MODE + "=" + mode + " makes the JDK's socket pollers virtual"
                    + " threads, which cannot run beside an emulation; leave it unset (the agent uses 1)");
        }
        System.setProperty(POLLER_MODE, "1");
    }
}
