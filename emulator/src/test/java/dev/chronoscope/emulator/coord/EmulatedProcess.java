package dev.chronoscope.emulator.coord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * A test stand-in for an emulated process: hosts some ranks, runs them under a tiny deterministic
 * scheduler (ranks due at the granted instant run in rank order) and uses a {@link GlobalTimeCoordinator}
 * for everything that crosses processes, never while holding its own lock (which the wake-up
 * supplier takes). A resumed rank takes the granted time as its own, so any
 * causality error of the coordinator would show up in the ranks' timelines.
 */
final class EmulatedProcess {

    /** Where messages between processes travel: hands each to the receiving process asynchronously. */
    interface Transport {
        void deliver(int toRank, Envelope envelope);
    }

    record Envelope(int from, long deliveryNanos, String channel, long seq) {}

    private static final class Rank {
        final int id;
        final List<RankProgram> program;
        final List<Long> timeline = new ArrayList<>();
        final List<Envelope> inbox = new ArrayList<>();
        int next;
        long time;
        CompletableFuture<CollectiveTiming> collective;
        boolean done;

        Rank(int id, List<RankProgram> program) {
            this.id = id;
            this.program = program;
        }
    }

    private final int ranksInRun;
    private final TreeMap<Integer, Rank> ranks = new TreeMap<>();
    private final Map<String, Long> nextSeq = new HashMap<>();
    /** Set once registered; the transport may deliver as soon as the coordinator has admitted everyone. */
    private final CompletableFuture<GlobalTimeCoordinator> client = new CompletableFuture<>();

    EmulatedProcess(List<Integer> rankIds, int ranksInRun) {
        this.ranksInRun = ranksInRun;
        rankIds.forEach(r -> ranks.put(r, new Rank(r, RankProgram.ringScenario(r, ranksInRun))));
    }

    boolean hosts(int rank) {
        return ranks.containsKey(rank);
    }

    /** Runs to completion under {@code coordinator}; returns each rank's timeline (its virtual time after every step). */
    Map<Integer, List<Long>> run(GlobalTimeCoordinator coordinator, Transport transport) throws InterruptedException {
        client.complete(coordinator);
        while (true) {
            long granted = coordinator.awaitGrant(this::earliestWakeUp);
            if (runDueRanks(granted, transport)) {
                coordinator.finish(ranks.values().stream().mapToLong(r -> r.time).max().orElseThrow());
                Map<Integer, List<Long>> timelines = new TreeMap<>();
                ranks.forEach((id, r) -> timelines.put(id, List.copyOf(r.timeline)));
                return timelines;
            }
        }
    }

    /** Called by the transport: queues the message first, then reports it, as the protocol requires. */
    void accept(int toRank, Envelope envelope) {
        synchronized (this) {
            ranks.get(toRank).inbox.add(envelope);
        }
        client.join().received(envelope.channel(), envelope.seq());
    }

    private synchronized long earliestWakeUp() {
        return ranks.values().stream().mapToLong(this::wakeUp).min().orElseThrow();
    }

    private long wakeUp(Rank r) {
        if (r.done) {
            return GlobalTimeCoordinator.NO_WAKE_UP;
        }
        if (r.collective != null) {
            return r.collective.isDone() ? r.collective.join().endNanos() : GlobalTimeCoordinator.NO_WAKE_UP;
        }
        if (r.next < r.program.size() && r.program.get(r.next) instanceof RankProgram.Recv recv) {
            return r.inbox.stream().filter(e -> e.from() == recv.from())
                    .mapToLong(e -> Math.max(r.time, e.deliveryNanos())).findFirst().orElse(GlobalTimeCoordinator.NO_WAKE_UP);
        }
        return r.time;
    }

    /** Runs every rank due at {@code now} until it blocks; true once all ranks are done. */
    private boolean runDueRanks(long now, Transport transport) {
        List<Runnable> outgoing = new ArrayList<>();
        synchronized (this) {
            boolean progressed = true;
            while (progressed) {
                progressed = false;
                for (Rank r : ranks.values()) {
                    if (!r.done && wakeUp(r) == now) {
                        r.collective = null;
                        r.time = now;
                        step(r, outgoing, transport);
                        progressed = true;
                    }
                }
            }
        }
        outgoing.forEach(Runnable::run);
        return ranks.values().stream().allMatch(r -> r.done);
    }

    /** Executes steps of one rank until it must wait. */
    private void step(Rank r, List<Runnable> outgoing, Transport transport) {
        while (r.next < r.program.size()) {
            RankProgram current = r.program.get(r.next);
            switch (current) {
                case RankProgram.Compute c -> {
                    r.time += c.nanos();
                    r.next++;
                    r.timeline.add(r.time);
                    return;
                }
                case RankProgram.AllReduce a -> {
                    r.next++;
                    CompletableFuture<CollectiveTiming> timing = new CompletableFuture<>();
                    r.collective = timing;
                    var arrival = new CollectiveArrival("world", "all_reduce", a.bytes(), r.id, ranksInRun, r.time);
                    outgoing.add(() -> client.join().arrive(arrival).whenComplete((t, e) -> {
                        if (e == null) {
                            timing.complete(t);
                        } else {
                            timing.completeExceptionally(e);
                        }
                    }));
                    r.timeline.add(r.time);
                    return;
                }
                case RankProgram.Send s -> {
                    String channel = "r" + r.id + "->r" + s.to();
                    Envelope envelope = new Envelope(r.id, r.time + s.latencyNanos(), channel,
                            nextSeq.merge(channel, 1L, Long::sum));
                    if (ranks.containsKey(s.to())) {
                        ranks.get(s.to()).inbox.add(envelope);
                    } else {
                        outgoing.add(() -> {
                            client.join().sent(channel, envelope.seq());
                            transport.deliver(s.to(), envelope);
                        });
                    }
                    r.next++;
                    r.timeline.add(r.time);
                }
                case RankProgram.Recv recv -> {
                    var match = r.inbox.stream().filter(e -> e.from() == recv.from()).findFirst();
                    if (match.isEmpty() || match.get().deliveryNanos() > r.time) {
                        return;
                    }
                    r.inbox.remove(match.get());
                    r.next++;
                    r.timeline.add(r.time);
                }
            }
        }
        r.done = true;
    }
}
