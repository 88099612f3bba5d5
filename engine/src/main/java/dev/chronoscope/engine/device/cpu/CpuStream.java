package dev.chronoscope.engine.device.cpu;

import dev.chronoscope.engine.device.DeviceException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One stream = one device worker thread running its queue in order. The first failure is kept
 * and reported by every later synchronisation, and later work is skipped, as with CUDA's sticky
 * errors.
 */
final class CpuStream {
    private static final Runnable STOP = () -> { };

    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Thread worker;
    private volatile Throwable failure;

    CpuStream(String name) {
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
            if (task == STOP) return;
            if (failure != null && !(task instanceof Marker)) continue;
            try {
                task.run();
            } catch (Throwable t) {
                if (failure == null) failure = t;
            }
        }
    }

    void enqueue(Runnable task) {
        if (!worker.isAlive()) throw new DeviceException("stream " + worker.getName() + " is closed");
        queue.add(task);
    }

    /** A completion marker: runs even after a failure so that waiters wake up. */
    private record Marker(CompletableFuture<Void> done) implements Runnable {
        @Override
        public void run() { done.complete(null); }
    }

    CompletableFuture<Void> marker() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        enqueue(new Marker(done));
        return done;
    }

    void synchronize() {
        marker().join();
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
