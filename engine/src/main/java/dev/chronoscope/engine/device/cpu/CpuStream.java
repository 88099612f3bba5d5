package dev.chronoscope.engine.device.cpu;

import dev.chronoscope.engine.device.DeviceActivityListener;
import dev.chronoscope.engine.device.DeviceException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;

/**
 * One stream = one device worker thread running its queue in order. The first failure is kept
 * and reported by every later synchronisation, and later work is skipped, as with CUDA's sticky
 * errors.
 */
final class CpuStream {
    private static final Runnable STOP = () -> { };

    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Thread worker;
    private final int device;
    private final Supplier<DeviceActivityListener> activity;
    private volatile Throwable failure;
    /** The worker is running a task (not waiting on the queue): work enqueued now does not wake it up. */
    private volatile boolean busy;

    CpuStream(String name, int device, Supplier<DeviceActivityListener> activity) {
        this.device = device;
        this.activity = activity;
        worker = Thread.ofPlatform().daemon().name(name).start(this::runLoop);
    }

    private void runLoop() {
        while (true) {
            Runnable task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            busy = true;
            if (task == STOP) return;
            if (task instanceof WakeUp w) {
                w.listener.onWorkerWakeUp(device, w.enqueuedNanos, System.nanoTime());
                task = w.task;
            }
            if (failure == null || task instanceof Marker) {
                try {
                    task.run();
                } catch (Throwable t) {
                    if (failure == null) failure = t;
                }
            }
            if (queue.isEmpty()) busy = false;
        }
    }

    /** Work enqueued on an idle worker, timed from the enqueue to its start. */
    private record WakeUp(Runnable task, long enqueuedNanos, DeviceActivityListener listener) implements Runnable {
        @Override
        public void run() { task.run(); }
    }

    void enqueue(Runnable task) {
        if (!worker.isAlive()) throw new DeviceException("stream " + worker.getName() + " is closed");
        DeviceActivityListener listener = activity.get();
        boolean idle = listener != null && !busy && queue.isEmpty();
        queue.add(idle ? new WakeUp(task, System.nanoTime(), listener) : task);
    }

    /** A completion marker: runs even after a failure so that waiters wake up; completes with the time it ran. */
    private record Marker(CompletableFuture<Long> done) implements Runnable {
        @Override
        public void run() { done.complete(System.nanoTime()); }
    }

    CompletableFuture<Long> marker() {
        CompletableFuture<Long> done = new CompletableFuture<>();
        enqueue(new Marker(done));
        return done;
    }

    void synchronize() {
        long wait = System.nanoTime();
        long done = marker().join();
        DeviceActivityListener listener = activity.get();
        if (listener != null) listener.onHostWakeUp(device, wait, done, System.nanoTime());
        checkFailure();
    }

    void checkFailure() {
        Throwable t = failure;
        if (t instanceof DeviceException d) throw new DeviceException(d.getMessage(), d);
        if (t != null) throw new DeviceException("device work failed on " + worker.getName() + ": " + t, t);
    }

    void stop() {
        queue.add(STOP);
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
