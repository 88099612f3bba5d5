package dev.chronoscope.emulator.coord.client;

import dev.chronoscope.emulator.coord.CoordinationFailure;
import dev.chronoscope.emulator.coord.GlobalTimeCoordinator;
import dev.chronoscope.emulator.time.TimeGate;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Connects one process's emulation to the coordinator (DESIGN §10, docs/emulate.md "per-rank
 * processes"). The carrier never talks to the coordinator itself: a gate thread does, so that the
 * carrier can leave the gate as soon as work arrives from outside (a socket read that the JDK's
 * poller completed, a collective that the coordinator completed), which no grant would ever allow
 * while the message that caused it is still in flight.
 *
 * <p>The wake-up the gate thread reports is the carrier's earliest event while the carrier waits at
 * the gate, and the emulation's current time otherwise ("runnable now"): a promise never to produce
 * anything earlier, so reporting it while running is safe. A grant that arrives while the carrier
 * runs only raises the permitted time; the next report waits until the carrier is back at the gate.
 */
public final class CoordinatedTimeGate implements TimeGate, AutoCloseable {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** Between "runnable now" reports while waiting outside: a grant round trip costs ~0.1 ms. */
    private static final long OUTSIDE_WAIT_PACE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final GlobalTimeCoordinator coordinator;
    private final LongSupplier clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition carrierArrived = lock.newCondition();
    private final Thread gateThread;
    private final AtomicLong permitted;
    /** The carrier's current stay at the gate, or null while it runs: one object per stay. */
    private volatile Visit visit;
    private volatile BooleanSupplier outsideWork = () -> false;
    private volatile RuntimeException failure;
    private volatile boolean closed;
    private volatile Thread waitingCarrier;
    private final AtomicInteger outsideWaits = new AtomicInteger();

    /**
     * @param coordinator the process's client (already registered)
     * @param clock       the emulation's current virtual time, readable from any thread
     * @param permitted   how far the process may run before its first grant (the time it joined)
     */
    public CoordinatedTimeGate(GlobalTimeCoordinator coordinator, LongSupplier clock, long permitted, String name) {
        this.coordinator = coordinator;
        this.clock = clock;
        this.permitted = new AtomicLong(permitted);
        this.gateThread = Thread.ofPlatform().daemon().name("chronoscope-gate-" + name).start(this::reportLoop);
    }

    @Override
    public long permittedTime() {
        return permitted.get();
    }

    @Override
    public void awaitPermission(long earliestEvent, BooleanSupplier work) throws InterruptedException {
        throwIfFailed();
        waitingCarrier = Thread.currentThread();
        outsideWork = work;
        lock.lock();
        try {
            visit = new Visit(earliestEvent);
            carrierArrived.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            while (permitted.get() < earliestEvent && !work.getAsBoolean()) {
                throwIfFailed();
                LockSupport.parkNanos(this, POLL_NANOS);
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for the coordinator's grant");
                }
            }
            throwIfFailed();
        } finally {
            visit = null;
        }
    }

    /**
     * A message sent at virtual time {@code sendTime} has been received: the process may run up to
     * that time without asking. This is safe because a sender runs only at or below the global time
     * it was granted, so {@code sendTime} is never later than global time; and it is needed, because
     * a receiver that asked for a grant to reach {@code sendTime} could wait forever for the next
     * part of the same message, still in flight behind it.
     */
    public void permitUpTo(long sendTime) {
        if (permitted.getAndAccumulate(sendTime, Math::max) < sendTime) {
            Thread carrier = waitingCarrier;
            if (carrier != null) {
                LockSupport.unpark(carrier);
            }
        }
    }

    /**
     * Brackets a wait for something real outside the emulation that no message announces (another
     * JVM's exit): meanwhile the process reports itself runnable at its current time, so global time
     * neither moves past it nor takes its silence for a deadlock.
     */
    public void outsideWaitStarted() {
        outsideWaits.incrementAndGet();
    }

    public void outsideWaitEnded() {
        outsideWaits.decrementAndGet();
    }

    /** What this process promises: nothing before this time. */
    private long wakeUp() {
        Visit before = visit;
        if (before == null || outsideWaits.get() > 0 || outsideWork.getAsBoolean() || visit != before) {
            // Running, or about to run, or it left and came back while we looked: "runnable now" is
            // always safe. (Mixing a stay's "at the gate" with a later stay's state once reported
            // "no wake-up" for a carrier that was back at the gate with a timer: a false deadlock.)
            return clock.getAsLong();
        }
        long e = before.earliest;
        return e == NOTHING_SCHEDULED ? GlobalTimeCoordinator.NO_WAKE_UP : e;
    }

    private void reportLoop() {
        try {
            while (!closed) {
                lock.lock();
                try {
                    while (visit == null && !closed) {
                        carrierArrived.await(50, TimeUnit.MILLISECONDS);
                    }
                } finally {
                    lock.unlock();
                }
                if (closed) {
                    return;
                }
                if (outsideWaits.get() > 0) {
                    LockSupport.parkNanos(this, OUTSIDE_WAIT_PACE_NANOS);
                }
                long granted = coordinator.awaitGrant(this::wakeUp);
                permitted.accumulateAndGet(granted, Math::max);
                Thread carrier = waitingCarrier;
                if (carrier != null) {
                    LockSupport.unpark(carrier);
                }
                awaitCarrierMoved(granted);
            }
        } catch (CoordinationFailure e) {
            failure = e;
        } catch (InterruptedException e) {
            failure = new CoordinationFailure("the coordination gate was interrupted");
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            Thread carrier = waitingCarrier;
            if (carrier != null) {
                LockSupport.unpark(carrier);
            }
        }
    }

    /**
     * After a grant, the next report must describe the carrier's new state, not the one it left:
     * wait until it has left the gate, or is still there with an event beyond the grant.
     */
    private void awaitCarrierMoved(long granted) throws InterruptedException {
        Visit granting = visit;
        while (!closed && granting != null && visit == granting && granting.earliest <= granted && !outsideWork.getAsBoolean()) {
            LockSupport.parkNanos(this, 100_000);
            if (Thread.interrupted()) throw new InterruptedException("the coordination gate was closed");
        }
    }

    /** One stay of the carrier at the gate, with the earliest event it waits for. */
    private record Visit(long earliest) {}

    private void throwIfFailed() {
        RuntimeException f = failure;
        if (f != null) {
            throw f instanceof CoordinationFailure c ? new CoordinationFailure(c.getMessage(), c) : f;
        }
    }

    /** The failure that stopped the gate, or null. */
    public RuntimeException failure() {
        return failure;
    }

    @Override
    public void close() {
        closed = true;
        gateThread.interrupt();
    }
}
