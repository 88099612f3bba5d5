package dev.chronoscope.emulator.time;

import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Something that happens at a virtual instant: an emulated thread's turn to run, or a timer.
 * Events are ordered by (time, sequence number), so equal times run in the order they were
 * scheduled.
 */
final class TimelineEvent extends FutureTask<Void> implements ScheduledFuture<Void> {

    /** The thread this event runs, or null for a timer. */
    final EmulatedThread thread;
    private final Dispatcher dispatcher;
    /** Set once by the {@link Timeline}, as the event enters it. */
    long time;
    long sequence = -1;

    TimelineEvent(long time, EmulatedThread thread, Runnable action, Dispatcher dispatcher) {
        super(action, null);
        this.time = time;
        this.thread = thread;
        this.dispatcher = dispatcher;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(false);
        if (cancelled) {
            dispatcher.forget(this);
        }
        return cancelled;
    }

    @Override
    public long getDelay(TimeUnit unit) {
        return unit.convert(time - dispatcher.globalTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
        TimelineEvent that = (TimelineEvent) other;
        int byTime = Long.compare(time, that.time);
        return byTime != 0 ? byTime : Long.compare(sequence, that.sequence);
    }
}
