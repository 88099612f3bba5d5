package dev.chronoscope.agent.run;

import dev.chronoscope.emulator.stream.event.EventSink;
import dev.chronoscope.emulator.stream.event.StreamEvent;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the kernels that pass to the run's sink and collects the model versions that timed them. */
final class RunStatistics implements EventSink {
    private final EventSink next;
    private final AtomicLong kernels = new AtomicLong();
    private final Set<String> modelVersions = new TreeSet<>();
    private String lastVersion = "";

    RunStatistics(EventSink next) {
        this.next = next;
    }

    @Override
    public void accept(StreamEvent event) {
        if (event instanceof StreamEvent.Kernel k) {
            kernels.incrementAndGet();
            // Versions repeat in long runs of the same kernel: skip the set lookup for a repeat.
            if (!k.modelVersion().equals(lastVersion)) {
                lastVersion = k.modelVersion();
                synchronized (modelVersions) {
                    modelVersions.add(lastVersion);
                }
            }
        }
        next.accept(event);
    }

    long kernels() { return kernels.get(); }

    Set<String> modelVersions() {
        synchronized (modelVersions) {
            return Set.copyOf(modelVersions);
        }
    }

    @Override
    public void flush() { next.flush(); }

    @Override
    public void close() { next.close(); }
}
