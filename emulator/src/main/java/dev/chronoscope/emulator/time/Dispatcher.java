package dev.chronoscope.emulator.time;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * The heart of an emulation: one carrier thread that runs emulated threads and timers in virtual
 * time order.
 *
 * <p>Everything that can happen is a {@link TimelineEvent} ordered by (virtual time, sequence).
 * The carrier takes the earliest event, sets the clock to its time, and runs it: a slice of one
 * emulated thread (until it parks or ends) or a timer. When nothing is left and emulated threads
 * are still alive, they can never wake: a deadlock, reported with every thread's stack.
 *
 * <p>State is confined to the carrier thread (emulated threads touch it only while mounted on the
 * carrier). Other threads hand work over through {@link #inbox}. The one asynchronous source
 * inside an emulation is the JDK's unblocker thread, which resubmits virtual threads after a
 * monitor exit or notify; after each event the carrier waits for those resubmissions and orders
 * them by thread creation index, so the timeline does not depend on real-time races.
 */
final class Dispatcher {

    private static final long HANDOVER_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long HANDOVER_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final ThreadLocal<EmulatedThread> CURRENT = new ThreadLocal<>();

    private final Emulation emulation;
    private final String name;
    private final EmulatedScheduler scheduler = new EmulatedScheduler(this);
    private final Map<Runnable, EmulatedThread> byContinuation = new ConcurrentHashMap<>();
    private final AtomicInteger nextIndex = new AtomicInteger();
    private final Queue<Handover> inbox = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<Long> outcome = new CompletableFuture<>();

    private final Timeline timeline = new Timeline();
    /** Threads that may be resubmitted by the JDK's unblocker thread (see takeHandovers). */
    private final Set<EmulatedThread> onMonitor = new LinkedHashSet<>();
    private final CpuMeter cpu;
    private int liveNonDaemon;
    private volatile long clock;
    private volatile Thread carrier;
    private volatile boolean stopRequested;
    private volatile EmulatedThread running;
    private volatile TimeGate gate;
    /** Events later than this wait (see {@link Emulation#runUntil}); MAX_VALUE runs freely. */
    private volatile long runLimit = Long.MAX_VALUE;
    private volatile LongConsumer holdListener = time -> { };
    private boolean holding;
    private long limitHeldAt;
    private long sliceStart;
    private long sliceCpuStart;
    private long latestSliceEnd;
    private EmulationException failure;

    Dispatcher(Emulation emulation, String name, TimeMode mode) {
        this.emulation = emulation;
        this.name = name;
        this.cpu = mode == TimeMode.MEASURED ? new CpuMeter() : null;
    }

    /** The emulated thread that is calling, or null. */
    static EmulatedThread currentEmulatedThread() {
        return Thread.currentThread().isVirtual() ? CURRENT.get() : null;
    }

    Emulation emulation() {
        return emulation;
    }

    Thread newThread(String threadName, boolean daemon, Runnable task) {
        EmulatedThread[] self = new EmulatedThread[1];
        Thread thread = LoomAccess.virtualThreadBuilder(scheduler)
                .name(threadName)
                .unstarted(() -> runEmulated(self[0], task));
        self[0] = new EmulatedThread(nextIndex.getAndIncrement(), daemon, thread, this);
        byContinuation.put(self[0].continuation, self[0]);
        return thread;
    }

    private void runEmulated(EmulatedThread self, Runnable task) {
        CURRENT.set(self);
        try {
            task.run();
        } catch (Throwable e) {
            fail(new EmulatedThreadFailedException(
                    self + " failed at virtual time " + TimeFormat.nanos(now()) + ": " + e, e));
        } finally {
            self.ended = true;
            if (!self.daemon) {
                liveNonDaemon--;
            }
            CURRENT.remove();
        }
    }

    // ---- what the virtual threads' scheduler receives ----

    /** A virtual thread became runnable (started, unparked, unblocked, yielded). */
    void submit(Runnable continuation) {
        EmulatedThread thread = byContinuation.get(continuation);
        if (thread == null) {
            throw new RejectedExecutionException("not an emulated thread of emulation '" + name + "'");
        }
        if (isOnCarrier()) {
            enqueue(thread, eventTimeHere());
        } else {
            handOver(new Handover(thread, null));
        }
    }

    /** A timed park or wait of a virtual thread: wake it {@code delay} virtual time from now. */
    TimelineEvent scheduleTimeout(Runnable wakeUp, long delay, TimeUnit unit) {
        if (!JdkTimeInstrumentation.isInstalled()) {
            fail(new EmulationException("a timed JDK wait (sleep, parkNanos, timed poll/await/get) ran in "
                    + running + " but JDK time instrumentation is not installed; call"
                    + " JdkTimeInstrumentation.install(instrumentation) before creating the emulation"));
        }
        return scheduleAt(saturatedAdd(isOnCarrier() ? eventTimeHere() : clock, unit.toNanos(delay)), wakeUp);
    }

    /** Runs {@code action} on the carrier at virtual time {@code time} (or now, if that has passed). */
    TimelineEvent scheduleAt(long time, Runnable action) {
        TimelineEvent timer = new TimelineEvent(time, null, action, this);
        if (isOnCarrier()) {
            timeline.add(timer, eventTimeHere());
        } else {
            handOver(new Handover(null, timer));
        }
        return timer;
    }

    /** A cancelled timer leaves the timeline at once when cancelled on the carrier. */
    void forget(TimelineEvent event) {
        if (event.sequence >= 0 && isOnCarrier()) {
            timeline.remove(event);
        }
    }

    // ---- virtual time as seen by callers ----

    /** The calling emulated thread's virtual time; for any other thread, the emulation's clock. */
    long now() {
        EmulatedThread self = currentEmulatedThread();
        if (self != null && self.dispatcher == this) {
            return sliceNow();
        }
        return clock;
    }

    /** The time of the event being run: monotonic, shared by everyone. */
    long globalTime() {
        return clock;
    }

    void sleepUntil(long virtualNanos) throws InterruptedException {
        EmulatedThread self = currentEmulatedThread();
        if (self == null || self.dispatcher != this) {
            throw new IllegalStateException("sleepUntil(" + virtualNanos + ") called from "
                    + Thread.currentThread() + ", which is not an emulated thread of emulation '" + name
                    + "'; only emulated threads (Emulation.start / threadFactory) can wait in virtual time");
        }
        if (sliceNow() >= virtualNanos) {
            return;
        }
        Thread me = Thread.currentThread();
        TimelineEvent wakeUp = scheduleAt(virtualNanos, () -> LockSupport.unpark(me));
        try {
            while (sliceNow() < virtualNanos) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while sleeping until virtual time " + virtualNanos);
                }
            }
        } finally {
            wakeUp.cancel(false);
        }
    }

    // ---- the carrier ----

    synchronized void startCarrier() {
        if (carrier == null) {
            Thread thread = Thread.ofPlatform().daemon().name("chronoscope-carrier-" + name).unstarted(this::dispatch);
            carrier = thread;
            thread.start();
        }
    }

    /** From now on the clock moves only as far as {@code timeGate} permits (see {@link TimeGate}). */
    void coordinate(TimeGate timeGate) {
        gate = timeGate;
        Thread thread = carrier;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    CompletableFuture<Long> outcome() {
        return outcome;
    }

    void stop() {
        stopRequested = true;
        Thread thread = carrier;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** Blocks (bounded) until the carrier has left its loop; false if it is still inside a slice. */
    boolean awaitCarrierExit(long millis) throws InterruptedException {
        Thread thread = carrier;
        return thread == null || thread.join(Duration.ofMillis(millis));
    }

    void shutdown() {
        scheduler.shutdown();
    }

    /** A snapshot of every emulated thread that has started and not ended, in creation order. */
    List<ThreadSnapshot> snapshotLiveThreads() {
        return byContinuation.values().stream()
                .filter(thread -> thread.thread.isAlive())
                .sorted(Comparator.comparingInt(thread -> thread.index))
                .map(ThreadSnapshot::of)
                .toList();
    }

    String runningThreadName() {
        EmulatedThread thread = running;
        return thread == null ? null : thread.name();
    }

    private void dispatch() {
        try {
            while (true) {
                takeHandovers(clock);
                if (failure != null) {
                    outcome.completeExceptionally(failure);
                    return;
                }
                if (stopRequested) {
                    outcome.completeExceptionally(new EmulationException("emulation '" + name + "' was stopped"));
                    return;
                }
                if (liveNonDaemon == 0) {
                    outcome.complete(endTime());
                    return;
                }
                TimelineEvent next = timeline.peek();
                TimeGate coordinated = gate;
                if (coordinated != null) {
                    long earliest = next == null ? TimeGate.NOTHING_SCHEDULED : next.time;
                    if (earliest > coordinated.permittedTime()) {
                        coordinated.awaitPermission(earliest, () -> !inbox.isEmpty() || stopRequested);
                        continue;
                    }
                }
                if (next == null) {
                    outcome.completeExceptionally(new DeadlockException(clock, snapshotLiveThreads()));
                    return;
                }
                if (next.time > runLimit) {
                    hold();
                    continue;
                }
                timeline.next();
                holding = false;
                clock = Math.max(clock, next.time);
                if (next.thread != null) {
                    runSlice(next);
                } else {
                    runTimer(next);
                }
            }
        } catch (Throwable e) {
            outcome.completeExceptionally(new EmulationException("the carrier of emulation '" + name + "' failed", e));
        } finally {
            running = null;
        }
    }

    void runUntil(long limit) {
        runLimit = limit;
        Thread thread = carrier;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    void onHold(LongConsumer listener) {
        holdListener = listener;
    }

    /**
     * Parks the carrier while the next event lies beyond the limit; returns for a new limit, a stop
     * or work handed over, and the loop re-checks everything. The listener hears each hold once,
     * and again when a new limit still leaves the next event beyond it.
     */
    private void hold() {
        long limit = runLimit;
        if (!holding || limit != limitHeldAt) {
            holding = true;
            limitHeldAt = limit;
            holdListener.accept(clock);
        }
        while (runLimit == limit && !stopRequested && inbox.isEmpty()) {
            LockSupport.park(this);
        }
    }

    private void runSlice(TimelineEvent event) {
        EmulatedThread thread = event.thread;
        thread.queued = false;
        sliceStart = Math.max(event.time, thread.localTime);
        sliceCpuStart = cpu == null ? 0 : cpu.cpuNanos(carrier);
        running = thread;
        try {
            event.run();
        } finally {
            thread.localTime = sliceNow();
            latestSliceEnd = Math.max(latestSliceEnd, thread.localTime);
            running = null;
        }
        if (thread.ended) {
            byContinuation.remove(thread.continuation);
        } else if (LoomAccess.isWaitingOnMonitor(thread.thread)) {
            onMonitor.add(thread);
        }
        takeHandovers(thread.localTime);
    }

    private void runTimer(TimelineEvent timer) {
        timer.run();
        if (timer.state() == Future.State.FAILED) {
            fail(new EmulationException("timer at virtual time " + TimeFormat.nanos(timer.time)
                    + " failed: " + timer.exceptionNow(), timer.exceptionNow()));
        }
        takeHandovers(clock);
    }

    /**
     * Moves work handed over by other threads into the timeline at {@code time}. Waits (bounded)
     * while an emulated thread is being resubmitted by the JDK, then adds the whole batch in
     * creation order, so the order does not depend on how fast the JDK's unblocker ran.
     */
    private void takeHandovers(long time) {
        List<Handover> batch = new ArrayList<>();
        long waitedSince = 0;
        while (true) {
            for (Handover handover; (handover = inbox.poll()) != null; ) {
                if (handover.thread != null) {
                    handover.thread.queued = true;
                }
                batch.add(handover);
            }
            EmulatedThread pending = threadBeingResubmitted();
            if (pending == null) {
                EmulatedThread unsure = firstBlockedWithoutPermit();
                if (unsure == null) {
                    break;
                }
                if (LoomAccess.isUnblockerIdle()) {
                    // Whatever the unblocker held is visible now: one more look settles it.
                    if (threadBeingResubmitted() == null && inbox.isEmpty()) {
                        break;
                    }
                    continue;
                }
                pending = unsure;
            }
            long realNow = System.nanoTime();
            if (waitedSince == 0) {
                waitedSince = realNow;
            } else if (realNow - waitedSince > HANDOVER_LIMIT_NANOS) {
                throw new IllegalStateException(pending + " was made runnable by the JDK but never reached"
                        + " the emulator's scheduler within " + TimeUnit.NANOSECONDS.toSeconds(HANDOVER_LIMIT_NANOS) + " s");
            }
            LockSupport.parkNanos(this, HANDOVER_POLL_NANOS);
        }
        batch.sort(Comparator.comparingInt(Handover::order));
        for (Handover handover : batch) {
            if (handover.thread != null) {
                enqueue(handover.thread, time);
            } else if (!handover.timer.isCancelled()) {
                timeline.add(handover.timer, time);
            }
        }
    }

    /** A monitor-blocked thread the unblocker may hold right now (see LoomAccess.isBlockedWithoutPermit). */
    private EmulatedThread firstBlockedWithoutPermit() {
        for (EmulatedThread thread : onMonitor) {
            if (!thread.queued && LoomAccess.isBlockedWithoutPermit(thread.thread)) {
                return thread;
            }
        }
        return null;
    }

    private EmulatedThread threadBeingResubmitted() {
        for (EmulatedThread thread : onMonitor) {
            if (!thread.queued && LoomAccess.isBeingResubmitted(thread.thread)) {
                return thread;
            }
        }
        return null;
    }

    private void enqueue(EmulatedThread thread, long time) {
        if (!thread.started) {
            thread.started = true;
            if (!thread.daemon) {
                liveNonDaemon++;
            }
        }
        thread.queued = true;
        onMonitor.remove(thread);
        timeline.add(new TimelineEvent(time, thread, thread.continuation, this), time);
    }

    private void handOver(Handover handover) {
        if (scheduler.isShutdown() || outcome.isDone()) {
            throw new RejectedExecutionException("emulation '" + name + "' has finished or is closed");
        }
        inbox.add(handover);
        Thread thread = carrier;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** True on the carrier, or in the emulated thread now mounted on it. */
    private boolean isOnCarrier() {
        Thread current = Thread.currentThread();
        if (current == carrier) {
            return true;
        }
        EmulatedThread self = currentEmulatedThread();
        return self != null && self.dispatcher == this;
    }

    /** When something that happens right now on the carrier happens in virtual time. */
    private long eventTimeHere() {
        return running != null ? sliceNow() : clock;
    }

    private long sliceNow() {
        return cpu == null ? sliceStart : sliceStart + cpu.cpuNanos(carrier) - sliceCpuStart;
    }

    private long endTime() {
        return Math.max(clock, latestSliceEnd);
    }

    private void fail(EmulationException e) {
        if (failure == null) {
            failure = e;
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /** Work handed to the carrier by another thread: a runnable emulated thread, or a timer. */
    private record Handover(EmulatedThread thread, TimelineEvent timer) {
        int order() {
            return thread != null ? thread.index : Integer.MAX_VALUE;
        }
    }
}
