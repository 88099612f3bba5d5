package dev.chronoscope.emulator.coord.local;

import dev.chronoscope.emulator.coord.CollectiveArrival;
import dev.chronoscope.emulator.coord.CollectiveCostModel;
import dev.chronoscope.emulator.coord.CollectiveTiming;
import dev.chronoscope.emulator.coord.CoordinationFailure;
import dev.chronoscope.emulator.coord.GlobalTimeCoordinator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * The coordinator for a run that is one process: no sockets, time jumps straight to the process's
 * earliest wake-up, and collectives rendezvous among the process's own ranks with the same rule as
 * the coordinator (start at the last arrival, end after the cost model's duration). Lets a scheduler
 * use {@link GlobalTimeCoordinator} whether or not the run is split.
 */
public final class LocalTimeCoordinator implements GlobalTimeCoordinator {

    private record CollectiveKey(String group, long seq) {}

    private record GroupRank(String group, int rank) {}

    private static final class Pending {
        final CollectiveArrival first;
        final List<CollectiveArrival> arrivals = new ArrayList<>();
        final List<CompletableFuture<CollectiveTiming>> waiting = new ArrayList<>();

        Pending(CollectiveArrival first) {
            this.first = first;
        }
    }

    private final CollectiveCostModel costModel;
    private final Map<CollectiveKey, Pending> pending = new LinkedHashMap<>();
    private final Map<GroupRank, Long> nextSeq = new HashMap<>();
    private long globalTime;

    public LocalTimeCoordinator(CollectiveCostModel costModel) {
        this.costModel = costModel;
    }

    /** Returns the earliest wake-up at once (never earlier than a previous grant); no wake-up is a deadlock. */
    @Override
    public synchronized long awaitGrant(LongSupplier earliestWakeUp) {
        long wake = earliestWakeUp.getAsLong();
        if (wake == NO_WAKE_UP) {
            throw new CoordinationFailure("deadlock at virtual time " + globalTime + " ns: every emulated thread "
                    + "is blocked with no wake-up" + (pending.isEmpty() ? "" : "; pending: " + describePending()));
        }
        globalTime = Math.max(globalTime, wake);
        return globalTime;
    }

    /** Nothing crosses a process boundary in a one-process run. */
    @Override
    public void sent(String channel, long seq) {}

    @Override
    public void received(String channel, long seq) {}

    @Override
    public synchronized CompletableFuture<CollectiveTiming> arrive(CollectiveArrival arrival) {
        if (arrival.rank() < 0 || arrival.rank() >= arrival.ranks()) {
            throw new IllegalArgumentException("collective '" + arrival.group() + "': rank " + arrival.rank()
                    + " is outside 0.." + (arrival.ranks() - 1));
        }
        long seq = nextSeq.merge(new GroupRank(arrival.group(), arrival.rank()), 1L, Long::sum) - 1;
        CollectiveKey key = new CollectiveKey(arrival.group(), seq);
        Pending p = pending.computeIfAbsent(key, k -> new Pending(arrival));
        if (!p.first.op().equals(arrival.op()) || p.first.bytes() != arrival.bytes() || p.first.ranks() != arrival.ranks()) {
            throw new IllegalArgumentException("collective '" + arrival.group() + "' #" + seq + ": rank " + arrival.rank()
                    + " arrived for " + arrival.op() + "/" + arrival.bytes() + " bytes/" + arrival.ranks()
                    + " ranks but rank " + p.first.rank() + " for " + p.first.op() + "/" + p.first.bytes() + " bytes/"
                    + p.first.ranks() + " ranks");
        }
        CompletableFuture<CollectiveTiming> done = new CompletableFuture<>();
        p.arrivals.add(arrival);
        p.waiting.add(done);
        if (p.arrivals.size() == p.first.ranks()) {
            pending.remove(key);
            long start = p.arrivals.stream().mapToLong(CollectiveArrival::arrivalNanos).max().orElseThrow();
            CollectiveTiming timing = new CollectiveTiming(start,
                    start + costModel.durationNanos(arrival.op(), arrival.bytes(), arrival.globalRanks()));
            p.waiting.forEach(f -> f.complete(timing));
        }
        return done;
    }

    @Override
    public void finish(long finalVirtualTime) {}

    @Override
    public void close() {}

    private String describePending() {
        List<String> lines = new ArrayList<>();
        pending.forEach((key, p) -> lines.add("collective '" + key.group() + "' #" + key.seq() + " " + p.first.op()
                + " has " + p.arrivals.size() + " of " + p.first.ranks() + " ranks"));
        return String.join("; ", lines);
    }
}
