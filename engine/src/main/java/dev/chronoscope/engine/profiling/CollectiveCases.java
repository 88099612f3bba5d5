package dev.chronoscope.engine.profiling;

import dev.chronoscope.engine.device.CollectiveTransport;
import dev.chronoscope.engine.device.DeviceException;
import dev.chronoscope.engine.dist.InProcessGroup;

import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

import static dev.chronoscope.engine.device.KernelNames.*;

/**
 * The engine's in-process collectives (ranks as threads, {@link InProcessGroup}) timed over
 * message sizes and rank counts. As in the engine, the rank threads live across repetitions; each
 * repetition releases them together from a barrier, and its duration runs from the first rank
 * entering the collective to rank 0 (the receiver for send/recv) leaving it: what a stream
 * waiting on the collective would see, including the sender's copy into the channel.
 */
final class CollectiveCases {
    private static final long STUCK_SECONDS = 60;

    private CollectiveCases() {}

    /** {@code kernel} (all_reduce, all_gather or send_recv) of {@code bytes} per rank over {@code ranks} threads. */
    static ProfileCase of(String kernel, long bytes, int ranks) {
        if (!kernel.equals(ALL_REDUCE) && !kernel.equals(ALL_GATHER) && !kernel.equals(SEND_RECV)) {
            throw new IllegalArgumentException("'" + kernel + "' is not a collective");
        }
        int size = kernel.equals(SEND_RECV) ? 2 : ranks;
        Map<String, Long> features = SampleCsv.collectiveFeatures(bytes, size);
        return new ProfileCase(kernel, features, () -> new Group(kernel, Math.toIntExact(Math.max(1, bytes / Float.BYTES)), size));
    }

    /** Rank threads kept for one shape; each {@link #runOnce} is one collective. */
    private static final class Group implements RepeatTimer.Timed {
        private final String kernel;
        private final InProcessGroup group;
        private final CyclicBarrier start, done;
        private final Thread[] threads;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile boolean closing;
        private final AtomicLongArray entered;
        private volatile long rank0Left;

        Group(String kernel, int count, int ranks) {
            this.kernel = kernel;
            this.group = new InProcessGroup(ranks);
            // The profiling thread is one more party: it releases the ranks and waits for them.
            this.start = new CyclicBarrier(ranks + 1);
            this.done = new CyclicBarrier(ranks + 1);
            this.threads = new Thread[ranks];
            this.entered = new AtomicLongArray(ranks);
            for (int r = 0; r < ranks; r++) {
                CollectiveTransport t = group.transport(r);
                threads[r] = Thread.ofPlatform().daemon().name("profile-" + kernel + "-rank-" + r).start(() -> serve(t, count, ranks));
            }
        }

        private void serve(CollectiveTransport t, int count, int ranks) {
            float[] data = new float[count];
            float[] gathered = kernel.equals(ALL_GATHER) ? new float[count * ranks] : null;
            try {
                while (true) {
                    start.await();
                    if (closing) return;
                    entered.set(t.rank(), System.nanoTime());
                    switch (kernel) {
                        case ALL_REDUCE -> t.allReduceSum(data, 0, count);
                        case ALL_GATHER -> t.allGather(data, 0, count, gathered, 0);
                        default -> {
                            if (t.rank() == 1) t.send(0, data, 0, count);
                            else t.recv(1, data, 0, count);
                        }
                    }
                    if (t.rank() == 0) rank0Left = System.nanoTime();
                    done.await();
                }
            } catch (InterruptedException | BrokenBarrierException | RuntimeException e) {
                if (!closing) failure.compareAndSet(null, e);
                group.abort();
                start.reset();
                done.reset();
            }
        }

        @Override
        public long runOnce() {
            try {
                start.await(STUCK_SECONDS, TimeUnit.SECONDS);
                done.await(STUCK_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeviceException("interrupted while profiling " + kernel, e);
            } catch (BrokenBarrierException | TimeoutException e) {
                Throwable cause = failure.get() != null ? failure.get() : e;
                throw new DeviceException(kernel + " over " + threads.length + " ranks failed: " + cause, cause);
            }
            long first = Long.MAX_VALUE;
            for (int r = 0; r < entered.length(); r++) first = Math.min(first, entered.get(r));
            return Math.max(1, rank0Left - first);
        }

        @Override
        public void close() {
            closing = true;
            start.reset();
            for (Thread t : threads) t.interrupt();
        }
    }
}
