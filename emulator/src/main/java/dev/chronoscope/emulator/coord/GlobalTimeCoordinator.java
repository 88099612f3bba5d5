package dev.chronoscope.emulator.coord;

import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * What an emulated process's thread scheduler needs from cross-process coordination. Calls that
 * fail because the run failed throw {@link CoordinationFailure} naming the cause.
 */
public interface GlobalTimeCoordinator extends AutoCloseable {

    /** Wake-up value meaning "no timed wake-up": only a message or a collective can wake this process. */
    long NO_WAKE_UP = Long.MAX_VALUE;

    /**
     * Every emulated thread of this process is blocked: reports the earliest wake-up and waits until
     * the coordinator lets this process run; returns the granted global virtual time. Must be called
     * once before any emulated code runs. {@code earliestWakeUp} is asked again whenever a collective
     * completes or a message is {@link #received received} while waiting, so it must read the
     * scheduler's current state and be safe to call from another thread.
     */
    long awaitGrant(LongSupplier earliestWakeUp) throws InterruptedException;

    /** Announces an inter-process message before it is handed to the transport. */
    void sent(String channel, long seq);

    /** Reports an inter-process message once the receiving scheduler has queued it. */
    void received(String channel, long seq);

    /** Joins a collective; completes with its timing once every rank of the group has arrived. */
    CompletableFuture<CollectiveTiming> arrive(CollectiveArrival arrival);

    /** This process is done at {@code finalVirtualTime}; closes the connection. */
    void finish(long finalVirtualTime);

    @Override
    void close();
}
