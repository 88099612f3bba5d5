package dev.chronoscope.emulator.time;

/**
 * The emulator's book-keeping for one emulated (virtual) thread. The mutable fields are touched by
 * the carrier thread only, or by the emulated thread while it is mounted on the carrier.
 */
final class EmulatedThread {

    /** Creation order within its emulation: the deterministic tie-breaker. */
    final int index;
    final boolean daemon;
    final Thread thread;
    final Runnable continuation;
    final Dispatcher dispatcher;

    /** Virtual time at which this thread last stopped running. */
    long localTime;
    boolean started;
    boolean ended;
    /** An event to run this thread is in the timeline or about to be put there. */
    boolean queued;

    EmulatedThread(int index, boolean daemon, Thread thread, Dispatcher dispatcher) {
        this.index = index;
        this.daemon = daemon;
        this.thread = thread;
        this.continuation = LoomAccess.continuationOf(thread);
        this.dispatcher = dispatcher;
    }

    String name() {
        return thread.getName();
    }

    @Override
    public String toString() {
        return "emulated thread '" + name() + "'";
    }
}
