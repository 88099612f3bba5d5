package dev.chronoscope.emulator.time;

import java.util.TreeSet;

/**
 * The pending events of an emulation in (virtual time, sequence) order. The sequence number is
 * given on insertion, so events of equal time run first-come first-served. Carrier-confined.
 */
final class Timeline {

    private final TreeSet<TimelineEvent> events = new TreeSet<>();
    private long sequence;

    /** Adds an event, never earlier than {@code notBefore}. */
    void add(TimelineEvent event, long notBefore) {
        event.time = Math.max(event.time, notBefore);
        event.sequence = sequence++;
        events.add(event);
    }

    /** Removes and returns the earliest event that is not cancelled, or null when none is left. */
    TimelineEvent next() {
        TimelineEvent next = events.pollFirst();
        while (next != null && next.isCancelled()) {
            next = events.pollFirst();
        }
        return next;
    }

    /** Time of the earliest event that is not cancelled, or {@link TimeGate#NOTHING_SCHEDULED}; drops cancelled ones. */
    long earliestTime() {
        while (!events.isEmpty() && events.first().isCancelled()) {
            events.pollFirst();
        }
        return events.isEmpty() ? TimeGate.NOTHING_SCHEDULED : events.first().time;
    }

    void remove(TimelineEvent event) {
        events.remove(event);
    }
}
