package dev.chronoscope.emulator.time;

/**
 * What virtual devices need from virtual time: the calling host thread's current virtual instant,
 * and a way to block that thread until a later instant (the "time jump" of a synchronising call).
 * Implemented by the emulated-thread scheduler; all times are virtual nanoseconds since run start.
 */
public interface VirtualTime {

    /** The current virtual time seen by the calling thread, in nanoseconds. */
    long now();

    /**
     * Blocks the calling emulated thread until virtual time reaches {@code virtualNanos}; returns at
     * once if that instant has passed. Other emulated threads run meanwhile.
     */
    void sleepUntil(long virtualNanos) throws InterruptedException;
}
