package dev.chronoscope.emulator.coord.server;

import dev.chronoscope.emulator.coord.CollectiveCostModel;
import dev.chronoscope.emulator.coord.wire.Message.CollectiveArrive;
import dev.chronoscope.emulator.coord.wire.ProtocolException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Collects the ranks of each collective (group, seq). Once all ranks have arrived the collective starts
 * at the latest arrival and lasts what the cost model predicts.
 */
final class CollectiveRendezvous {

    private record Key(String group, long seq) {}

    private record Pending(String op, long bytes, int ranks, TreeMap<Integer, Arrival> arrivals) {}

    private record Arrival(int clientId, long time) {}

    /** A completed collective and, per rank, the client that must be told. */
    record Completion(String group, long seq, long start, long end, Map<Integer, Integer> clientByRank) {}

    private final CollectiveCostModel costModel;
    private final Map<Key, Pending> pending = new LinkedHashMap<>();

    CollectiveRendezvous(CollectiveCostModel costModel) {
        this.costModel = costModel;
    }

    Optional<Completion> arrive(int clientId, CollectiveArrive m) throws ProtocolException {
        String name = "collective '" + m.group() + "' #" + m.seq();
        if (m.rank() >= m.ranks()) {
            throw new ProtocolException(name + ": rank " + m.rank() + " is outside 0.." + (m.ranks() - 1));
        }
        Key key = new Key(m.group(), m.seq());
        Pending p = pending.computeIfAbsent(key, k -> new Pending(m.op(), m.bytes(), m.ranks(), new TreeMap<>()));
        if (!p.op().equals(m.op()) || p.bytes() != m.bytes() || p.ranks() != m.ranks()) {
            throw new ProtocolException(name + ": rank " + m.rank() + " arrived for " + m.op() + "/" + m.bytes()
                    + " bytes/" + m.ranks() + " ranks but earlier ranks arrived for " + p.op() + "/" + p.bytes()
                    + " bytes/" + p.ranks() + " ranks");
        }
        if (p.arrivals().putIfAbsent(m.rank(), new Arrival(clientId, m.arrival())) != null) {
            throw new ProtocolException(name + ": rank " + m.rank() + " arrived twice");
        }
        if (p.arrivals().size() < p.ranks()) {
            return Optional.empty();
        }
        pending.remove(key);
        long start = p.arrivals().values().stream().mapToLong(Arrival::time).max().orElseThrow();
        long duration = costModel.durationNanos(p.op(), p.bytes(), p.ranks());
        if (duration < 0) {
            throw new IllegalStateException("cost model gave a negative duration " + duration + " for " + name);
        }
        Map<Integer, Integer> clientByRank = new LinkedHashMap<>();
        p.arrivals().forEach((rank, arrival) -> clientByRank.put(rank, arrival.clientId()));
        return Optional.of(new Completion(m.group(), m.seq(), start, start + duration, clientByRank));
    }

    /** Human-readable list of incomplete collectives, for deadlock messages. */
    List<String> describePending() {
        List<String> lines = new ArrayList<>();
        pending.forEach((key, p) -> lines.add("collective '" + key.group() + "' #" + key.seq() + " " + p.op()
                + " has ranks " + p.arrivals().keySet() + " of " + p.ranks()));
        return lines;
    }
}
