package dev.chronoscope.engine.device.cpu;

import dev.chronoscope.engine.device.CollectiveTransport;
import dev.chronoscope.engine.device.DeviceException;
import dev.chronoscope.engine.dist.InProcessGroup;

import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static dev.chronoscope.engine.device.KernelNames.*;

/**
 * The engine's in-process collectives (ranks as threads, {@link InProcessGroup}) timed over
 * message sizes and rank counts. Every run starts the ranks together at a barrier and times rank 0
 * (the receiver for send/recv) until its call returns, which is what a stream waiting on the
 * collective would see.
 */
final class CollectiveCases {
    private CollectiveCases() {}

    /** {@code kernel} (all_reduce, all_gather or send_recv) of {@code bytes} per rank over {@code ranks} threads. */
    static ProfileCase of(String kernel, long bytes, int ranks) {
        if (!kernel.equals(ALL_REDUCE) && !kernel.equals(ALL_GATHER) && !kernel.equals(SEND_RECV)) {
            throw new IllegalArgumentException("'" + kernel + "' is not a collective");
        }
        int size = kernel.equals(SEND_RECV) ? 2 : ranks;
        Map<String, Long> features = Map.of(SampleCsv.SIZE, bytes, SampleCsv.NUM_WORKERS, (long) size,
                SampleCsv.DEVICES_PER_NODE, (long) size);
        return new ProfileCase(kernel, features, () -> new Run(kernel, Math.toIntExact(Math.max(1, bytes / Float.BYTES)), size));
    }

    /** One group of rank threads kept across repetitions; each {@link #runOnce} is one collective. */
    private static final class Run implements RepeatTimer.Timed {
        private final String kernel;
        private final int count;
        private final int ranks;

        Run(String kernel, int count, int ranks) {
            this.kernel = kernel;
            this.count = count;
            this.ranks = ranks;
        }

        @Override
        public long runOnce() {
            InProcessGroup group = new InProcessGroup(ranks);
            CyclicBarrier start = new CyclicBarrier(ranks);
            AtomicLong rank0Nanos = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread[] threads = new Thread[ranks];
            for (int r = 0; r < ranks; r++) {
                CollectiveTransport t = group.transport(r);
                threads[r] = Thread.ofPlatform().name("profile-" + kernel + "-rank-" + r).start(() -> {
                    try {
                        float[] data = new float[count];
                        float[] gathered = kernel.equals(ALL_GATHER) ? new float[count * ranks] : null;
                        start.await();
                        long t0 = System.nanoTime();
                        switch (kernel) {
                            case ALL_REDUCE -> t.allReduceSum(data, 0, count);
                            case ALL_GATHER -> t.allGather(data, 0, count, gathered, 0);
                            default -> {
                                if (t.rank() == 1) t.send(0, data, 0, count);
                                else t.recv(1, data, 0, count);
                            }
                        }
                        if (t.rank() == 0) rank0Nanos.set(System.nanoTime() - t0);
                    } catch (InterruptedException | BrokenBarrierException | RuntimeException e) {
                        failure.compareAndSet(null, e);
                        group.abort();
                        start.reset();
                    }
                });
            }
            for (Thread th : threads) {
                try {
                    th.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DeviceException("interrupted while profiling " + kernel, e);
                }
            }
            if (failure.get() != null) throw new DeviceException(kernel + " over " + ranks + " ranks failed: " + failure.get(), failure.get());
            return rank0Nanos.get();
        }
    }
}
