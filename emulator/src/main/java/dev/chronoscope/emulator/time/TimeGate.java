package dev.chronoscope.emulator.time;

import java.util.function.BooleanSupplier;

/**
 * What lets an emulation's clock move when the emulation is one process of several (DESIGN §10).
 * The carrier asks the gate before it runs an event later than {@link #permittedTime()}; until the
 * gate permits that time, the process counts as blocked. Work handed in from outside the emulation
 * (a socket read woken by the JDK's poller, a collective completed elsewhere) always runs at once,
 * at the current virtual time, without asking.
 */
public interface TimeGate {

    /** Earliest-event value meaning "nothing is scheduled": only outside work can wake the process. */
    long NOTHING_SCHEDULED = Long.MAX_VALUE;

    /** The latest virtual time up to which the carrier may run events without asking again. */
    long permittedTime();

    /**
     * Called on the carrier when every emulated thread is blocked and the earliest event is at
     * {@code earliest} (or {@link #NOTHING_SCHEDULED}), later than {@link #permittedTime()}. Returns
     * once the permitted time has reached {@code earliest}, or {@code outsideWork} is true, or the
     * gate has failed (then it throws, and the emulation fails with that exception).
     */
    void awaitPermission(long earliest, BooleanSupplier outsideWork) throws InterruptedException;
}
