package dev.chronoscope.agent.run;

import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the kernels and finished requests that pass to the run's sink and collects the model versions that timed the kernels. */
final class RunStatistics implements EventSink {
    private final EventSink next;
    private final AtomicLong kernels = new AtomicLong();
    private final AtomicLong finishedRequests = new AtomicLong();
    private final Set<String> modelVersions = ConcurrentHashMap.newKeySet();

    RunStatistics(EventSink next) {
        this.next = next;
    }

    @Override
    public void accept(StreamEvent event) {
        if (event instanceof StreamEvent.Kernel k) {
            kernels.incrementAndGet();
            // A read first: the set rarely changes, and a lock-free contains is cheaper than add.
            if (!modelVersions.contains(k.modelVersion())) modelVersions.add(k.modelVersion());
        } else if (event instanceof StreamEvent.Request r && r.phase() == StreamEvent.RequestPhase.FINISHED) {
            finishedRequests.incrementAndGet();
        }
        next.accept(event);
    }

    long finishedRequests() { return finishedRequests.get(); }

    long kernels() { return kernels.get(); }

    /** In name order. */
    Set<String> modelVersions() {
        return new TreeSet<>(modelVersions);
    }

    @Override
    public void flush() { next.flush(); }

    @Override
    public void close() { next.close(); }
}
