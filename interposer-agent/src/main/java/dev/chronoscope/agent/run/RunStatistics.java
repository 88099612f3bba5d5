package dev.chronoscope.agent.run;

import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the kernels that pass to the run's sink and collects the model versions that timed them. */
final class RunStatistics implements EventSink {
    private final EventSink next;
    private final AtomicLong kernels = new AtomicLong();
    private final Set<String> modelVersions = ConcurrentHashMap.newKeySet();

    RunStatistics(EventSink next) {
        this.next = next;
    }

    @Override
    public void accept(StreamEvent event) {
        if (event instanceof StreamEvent.Kernel k) {
            kernels.incrementAndGet();
            modelVersions.add(k.modelVersion());
        }
        next.accept(event);
    }

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
