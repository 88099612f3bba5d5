package dev.chronoscope.emulator.coord.server;

import dev.chronoscope.emulator.coord.CollectiveCostModel;
import dev.chronoscope.emulator.coord.wire.Message.CollectiveArrive;
import dev.chronoscope.emulator.coord.wire.ProtocolException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Collects the ranks of each collective (group, seq). Once all ranks have arrived the collective starts
 * at the latest arrival and lasts what the cost model predicts for the group's global ranks. A
 * send/recv is a collective of two: the sender (rank 0) and the receiver (rank 1).
 */
final class CollectiveRendezvous {

    private static final String SEND_RECV = "send_recv";

    private record Key(String group, long seq) {}

    private record Pending(String op, long bytes, int ranks, List<Integer> members, TreeMap<Integer, Arrival> arrivals) {
        int[] globalRanks() {
            return members.isEmpty() ? IntStream.range(0, ranks).toArray() : members.stream().mapToInt(Integer::intValue).toArray();
        }
    }

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
        if (!m.members().isEmpty() && m.members().size() != m.ranks()) {
            throw new ProtocolException(name + ": " + m.members().size() + " members " + m.members() + " for a group of "
                    + m.ranks() + " ranks");
        }
        Key key = new Key(m.group(), m.seq());
        Pending p = pending.computeIfAbsent(key, k -> new Pending(m.op(), m.bytes(), m.ranks(), m.members(), new TreeMap<>()));
        if (!p.op().equals(m.op()) || p.bytes() != m.bytes() || p.ranks() != m.ranks()) {
            throw new ProtocolException(name + ": rank " + m.rank() + " arrived for " + m.op() + "/" + m.bytes()
                    + " bytes/" + m.ranks() + " ranks but earlier ranks arrived for " + p.op() + "/" + p.bytes()
                    + " bytes/" + p.ranks() + " ranks");
        }
        if (!p.members().equals(m.members())) {
            throw new ProtocolException(name + ": rank " + m.rank() + " arrived with members " + m.members()
                    + " but earlier ranks with " + p.members());
        }
        if (p.arrivals().putIfAbsent(m.rank(), new Arrival(clientId, m.arrival())) != null) {
            throw new ProtocolException(name + ": rank " + m.rank() + " arrived twice");
        }
        if (p.arrivals().size() < p.ranks()) {
            return Optional.empty();
        }
        pending.remove(key);
        long start = p.arrivals().values().stream().mapToLong(Arrival::time).max().orElseThrow();
        long duration = costModel.durationNanos(p.op(), p.bytes(), p.globalRanks());
        if (duration < 0) {
            throw new IllegalStateException("cost model gave a negative duration " + duration + " for " + name);
        }
        Map<Integer, Integer> clientByRank = new LinkedHashMap<>();
        p.arrivals().forEach((rank, arrival) -> clientByRank.put(rank, arrival.clientId()));
        return Optional.of(new Completion(m.group(), m.seq(), start, start + duration, clientByRank));
    }

    /**
     * Human-readable list of incomplete collectives, for deadlock messages: which global ranks
     * arrived when, and which never did (for a send/recv: the sender and the receiver).
     */
    List<String> describePending() {
        List<String> lines = new ArrayList<>();
        pending.forEach((key, p) -> {
            int[] global = p.globalRanks();
            String arrived = p.arrivals().entrySet().stream()
                    .map(e -> "rank " + global[e.getKey()] + " at " + e.getValue().time() + " ns")
                    .collect(Collectors.joining(", "));
            String missing = IntStream.range(0, p.ranks()).filter(r -> !p.arrivals().containsKey(r))
                    .mapToObj(r -> String.valueOf(global[r])).collect(Collectors.joining(", "));
            String what = p.op().equals(SEND_RECV) && p.ranks() == 2
                    ? "send_recv #" + key.seq() + " from rank " + global[0] + " to rank " + global[1] + " ('" + key.group() + "')"
                    : "collective '" + key.group() + "' #" + key.seq() + " " + p.op() + " of ranks " + Arrays.toString(global);
            lines.add(what + ": arrived " + arrived + "; never arrived: rank" + (missing.contains(",") ? "s " : " ") + missing);
        });
        return lines;
    }
}
