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

    /** The earliest event that is not cancelled, left in place; null when none is left. */
    TimelineEvent peek() {
        TimelineEvent first = events.isEmpty() ? null : events.first();
        while (first != null && first.isCancelled()) {
            events.pollFirst();
            first = events.isEmpty() ? null : events.first();
        }
        return first;
    }

    void remove(TimelineEvent event) {
        events.remove(event);
    }
}
