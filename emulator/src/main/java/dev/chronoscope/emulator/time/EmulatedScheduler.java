package dev.chronoscope.emulator.time;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The scheduler of emulated virtual threads. {@code java.lang.VirtualThread} hands a runnable
 * thread's continuation to {@link #execute} and, only when its scheduler is a ForkJoinPool, routes
 * the timeout of a timed park or wait to {@link #schedule}; both go to the emulation's carrier
 * instead of to pool workers, which this pool never starts.
 */
final class EmulatedScheduler extends ForkJoinPool {

    private final Dispatcher dispatcher;

    EmulatedScheduler(Dispatcher dispatcher) {
        super(1);
        this.dispatcher = dispatcher;
    }

    @Override
    public void execute(Runnable continuation) {
        dispatcher.submit(continuation);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable wakeUp, long delay, TimeUnit unit) {
        return dispatcher.scheduleTimeout(wakeUp, delay, unit);
    }
}
