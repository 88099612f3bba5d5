package dev.chronoscope.emulator.coord.client;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs coordinator-client calls so that an emulated thread never parks inside one. The client takes
 * a lock and writes to a socket; an emulated (virtual) thread that blocked there would unmount
 * holding its own locks (the virtual cluster's, for a collective), and the carrier, running the next
 * event, could then need one of them: a deadlock inside one process. So an emulated thread hands the
 * call to one platform thread and spins until it is done (a few microseconds; nothing else in its
 * emulation may run meanwhile anyway, and the order "SENT before the bytes" is kept).
 *
 * <p>The hand-off takes no lock on the caller's side either. An executor's queue does: an emulated
 * thread that parked on that queue's lock (its consumer held it for a moment) gave up the
 * emulation's only carrier, the next emulated thread enqueued behind it and spun for its own call,
 * and the consumer was never signalled, since signalling was the parked thread's job (seen with
 * eight rank JVMs: the driver spun forever at one virtual instant).
 */
public final class PlatformCalls {
    private final ConcurrentLinkedQueue<FutureTask<Void>> queue = new ConcurrentLinkedQueue<>();
    private final Thread worker;

    /** Starts the daemon platform thread {@code threadName} that runs the calls. */
    public PlatformCalls(String threadName) {
        worker = Thread.ofPlatform().daemon().name(threadName).start(this::serve);
    }

    /**
     * Runs {@code call}: at once on a platform thread, else on this object's thread while the caller
     * spins. Rethrows what the call threw.
     */
    public void run(Runnable call) {
        if (!Thread.currentThread().isVirtual()) {
            call.run();
            return;
        }
        FutureTask<Void> task = new FutureTask<>(call, null);
        queue.add(task);
        LockSupport.unpark(worker);
        while (!task.isDone()) {
            Thread.onSpinWait();
        }
        try {
            task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error error) throw error;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted after a coordinator call completed", e);
        }
    }

    /** Parks only while the queue is empty; an unpark before the park makes the park return at once. */
    private void serve() {
        while (true) {
            FutureTask<Void> task = queue.poll();
            if (task == null) {
                LockSupport.park(this);
            } else {
                task.run();
            }
        }
    }
}
