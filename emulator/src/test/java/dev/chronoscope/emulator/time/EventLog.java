package dev.chronoscope.emulator.time;

import java.util.ArrayList;
import java.util.List;

/** (virtual time, thread, action) tuples recorded by emulated threads, for exact assertions. */
final class EventLog {

    private final VirtualTime clock;
    private final List<String> entries = new ArrayList<>();

    EventLog(VirtualTime clock) {
        this.clock = clock;
    }

    synchronized void record(String action) {
        entries.add(clock.now() + " " + Thread.currentThread().getName() + " " + action);
    }

    synchronized List<String> entries() {
        return List.copyOf(entries);
    }
}
