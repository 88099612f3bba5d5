package dev.chronoscope.agent.multiprocess;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs calls on one platform thread for an emulated thread that must not park meanwhile (see
 * {@link CoordinatedProcess}): the hand-off takes no lock on the caller's side. An executor's
 * queue does: an emulated thread that parked on that queue's lock (its consumer held it for a
 * moment) gave up the emulation's only carrier, the next emulated thread enqueued behind it and
 * spun for its own call, and the consumer was never signalled, since signalling was the parked
 * thread's job (seen with eight rank JVMs: the driver spun forever at one virtual instant).
 */
final class PlatformCalls {
    private final ConcurrentLinkedQueue<FutureTask<Void>> queue = new ConcurrentLinkedQueue<>();
    private final Thread worker;

    PlatformCalls(String name) {
        worker = Thread.ofPlatform().daemon().name(name).start(this::serve);
    }

    /** Runs {@code call} on the platform thread and spins until it is done; rethrows what it threw. */
    void runSpinning(Runnable call) {
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
