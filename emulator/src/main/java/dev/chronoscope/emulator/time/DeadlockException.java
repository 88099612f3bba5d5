package dev.chronoscope.emulator.time;

import java.util.List;

/**
 * Every emulated thread is blocked and no timer is pending, so none can ever wake. The message is
 * the report: the virtual time and every emulated thread with its state and stack.
 */
public class DeadlockException extends EmulationException {

    private final long virtualTime;
    private final transient List<ThreadSnapshot> threads;

    public DeadlockException(long virtualTime, List<ThreadSnapshot> threads) {
        super("deadlock at virtual time " + TimeFormat.nanos(virtualTime) + ": all " + threads.size()
                + " emulated threads are blocked and no timer is pending\n" + ThreadSnapshot.render(threads));
        this.virtualTime = virtualTime;
        this.threads = List.copyOf(threads);
    }

    public long virtualTime() {
        return virtualTime;
    }

    public List<ThreadSnapshot> threads() {
        return threads;
    }
}
