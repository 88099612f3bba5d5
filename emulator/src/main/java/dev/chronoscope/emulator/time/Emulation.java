package dev.chronoscope.emulator.time;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * One emulation's virtual clock and its emulated threads (DESIGN §6).
 *
 * <p>Emulated threads are virtual threads that run on this emulation's own carrier thread, one at a
 * time and in virtual-time order. Every blocking call of {@code java.util.concurrent}, every
 * sleep and every timed wait parks into the emulation; when all emulated threads are blocked the
 * clock jumps to the earliest pending wake-up. Timed JDK waits need
 * {@link JdkTimeInstrumentation#install} (the JDK measures their deadlines with
 * {@code System.nanoTime}).
 *
 * <p>Typical use: {@code start} the first threads, then {@link #awaitCompletion}. Threads started
 * before that call run in the order they were created; the carrier starts with it.
 *
 * <p>As a {@link VirtualTime}, {@link #now()} is the calling emulated thread's time (the
 * emulation's clock for any other thread), and {@link #sleepUntil} blocks the calling emulated
 * thread.
 */
public final class Emulation implements VirtualTime, AutoCloseable {

    private final Dispatcher dispatcher;
    private final String name;
    private final TimeMode mode;
    private final long wallClockEpochMillis;

    private Emulation(Builder builder) {
        this.name = builder.name;
        this.mode = builder.mode;
        this.wallClockEpochMillis = builder.wallClockEpochMillis;
        this.dispatcher = new Dispatcher(this, builder.name, builder.mode);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The emulation whose emulated thread is calling; empty on any other thread. */
    public static Optional<Emulation> current() {
        EmulatedThread self = Dispatcher.currentEmulatedThread();
        return self == null ? Optional.empty() : Optional.of(self.dispatcher.emulation());
    }

    public String name() {
        return name;
    }

    public TimeMode mode() {
        return mode;
    }

    /** This emulation's clock, as the {@link VirtualTime} contract that virtual devices use. */
    public VirtualTime clock() {
        return this;
    }

    @Override
    public long now() {
        return dispatcher.now();
    }

    @Override
    public void sleepUntil(long virtualNanos) throws InterruptedException {
        dispatcher.sleepUntil(virtualNanos);
    }

    /**
     * Charges host overhead in modeled mode: the calling emulated thread's virtual time advances by
     * {@code nanos} while other emulated threads run, as if it were busy for that long.
     */
    public void charge(long nanos) throws InterruptedException {
        if (nanos < 0) {
            throw new IllegalArgumentException("cannot charge a negative duration: " + nanos + " ns");
        }
        EmulatedThread self = Dispatcher.currentEmulatedThread();
        if (self == null || self.dispatcher != dispatcher) {
            throw new IllegalStateException("charge(" + nanos + ") called from " + Thread.currentThread()
                    + ", which is not an emulated thread of emulation '" + name + "'");
        }
        sleepUntil(now() + nanos);
    }

    /** Wall-clock milliseconds matching the virtual clock: the configured epoch plus virtual time. */
    public long currentTimeMillis() {
        return wallClockEpochMillis + now() / 1_000_000L;
    }

    /** Creates and starts a (non-daemon) emulated thread. */
    public Thread start(String threadName, Runnable task) {
        Thread thread = newThread(threadName, false, task);
        thread.start();
        return thread;
    }

    /**
     * Creates an unstarted emulated thread. The emulation completes when every started non-daemon
     * emulated thread has ended; daemon threads still blocked then are abandoned.
     */
    public Thread newThread(String threadName, boolean daemon, Runnable task) {
        Objects.requireNonNull(threadName, "threadName");
        Objects.requireNonNull(task, "task");
        return dispatcher.newThread(threadName, daemon, task);
    }

    /** A factory of unstarted emulated threads named {@code prefix-0}, {@code prefix-1}, ... */
    public ThreadFactory threadFactory(String prefix, boolean daemon) {
        AtomicLong count = new AtomicLong();
        return task -> newThread(prefix + "-" + count.getAndIncrement(), daemon, task);
    }

    /**
     * Runs {@code action} on the carrier at virtual time {@code virtualNanos} (at once if that has
     * passed), ordered after everything already scheduled for that instant. For device-side
     * events such as a kernel's completion; the action must not block. Cancel it through the
     * returned future.
     */
    public Future<?> scheduleAt(long virtualNanos, Runnable action) {
        return dispatcher.scheduleAt(virtualNanos, Objects.requireNonNull(action, "action"));
    }

    /**
     * Makes this emulation one process of a coordinated run: from now on its clock moves past the
     * gate's permitted time only when the gate allows (DESIGN §10). May be called before or while
     * the emulation runs, once.
     */
    public void coordinate(TimeGate gate) {
        dispatcher.coordinate(Objects.requireNonNull(gate, "gate"));
    }

    /** Every live emulated thread with its state and stack, as a deadlock report lists them. */
    public String describeThreads() {
        return ThreadSnapshot.render(dispatcher.snapshotLiveThreads());
    }

    /** The emulation's clock: the virtual time of the latest event, whatever thread asks. */
    public long globalTime() {
        return dispatcher.globalTime();
    }

    /**
     * Lets the carrier dispatch only events at or before virtual time {@code virtualNanos}; before a
     * later one it holds (the clock stays where it is) until the limit rises. {@code Long.MAX_VALUE}
     * (the default) runs freely, {@code Long.MIN_VALUE} holds before the next event. An emulated
     * thread already running keeps running until it parks: holding never preempts. Any thread may call it.
     */
    public void runUntil(long virtualNanos) {
        dispatcher.runUntil(virtualNanos);
    }

    /**
     * {@code listener} hears the clock each time the carrier starts to hold (see {@link #runUntil}),
     * and again for each new limit that leaves it holding; it runs on the carrier and must not block.
     */
    public void onHold(LongConsumer listener) {
        dispatcher.onHold(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Runs the emulation until every non-daemon emulated thread has ended and returns the final
     * virtual time.
     *
     * @throws DeadlockException when every emulated thread is blocked and no timer is pending
     * @throws EmulatedThreadFailedException when an emulated thread threw
     * @throws EmulationTimeoutException when it has not finished after {@code realTimeout}
     */
    public long awaitCompletion(Duration realTimeout) throws InterruptedException {
        if (Dispatcher.currentEmulatedThread() != null) {
            throw new IllegalStateException("awaitCompletion called from emulated thread "
                    + Thread.currentThread().getName() + "; call it from the thread that drives the emulation");
        }
        dispatcher.startCarrier();
        try {
            return dispatcher.outcome().get(realTimeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw (EmulationException) e.getCause();
        } catch (TimeoutException e) {
            String running = dispatcher.runningThreadName();
            String report = ThreadSnapshot.render(dispatcher.snapshotLiveThreads());
            dispatcher.stop();
            throw new EmulationTimeoutException("emulation '" + name + "' did not finish within " + realTimeout
                    + " of real time; virtual time " + TimeFormat.nanos(dispatcher.globalTime())
                    + (running == null ? "" : "; '" + running + "' is running (spinning, or blocked outside the emulator?)")
                    + "\n" + report);
        }
    }

    /**
     * Stops the carrier and rejects further work. Emulated threads still blocked stay blocked; an
     * emulated thread still running (spinning) keeps the carrier until it yields.
     */
    @Override
    public void close() {
        dispatcher.stop();
        try {
            dispatcher.awaitCarrierExit(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dispatcher.shutdown();
    }

    @Override
    public String toString() {
        return "Emulation[" + name + ", " + mode + "]";
    }

    /** Options of an {@link Emulation}. */
    public static final class Builder {
        private String name = "emulation";
        private TimeMode mode = TimeMode.MODELED;
        private long wallClockEpochMillis = 0;

        private Builder() {
        }

        /** Names the carrier thread and messages. */
        public Builder name(String value) {
            this.name = Objects.requireNonNull(value, "name");
            return this;
        }

        public Builder mode(TimeMode value) {
            this.mode = Objects.requireNonNull(value, "mode");
            return this;
        }

        /** What {@link #currentTimeMillis()} answers at virtual time 0 (default: the Unix epoch). */
        public Builder wallClockEpochMillis(long value) {
            this.wallClockEpochMillis = value;
            return this;
        }

        public Emulation build() {
            return new Emulation(this);
        }
    }
}
