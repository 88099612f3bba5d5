package dev.chronoscope.emulator.coord.server;

import dev.chronoscope.emulator.coord.wire.Message.ClientRef;
import dev.chronoscope.emulator.coord.wire.ProtocolException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Inter-process messages announced by SENT and not yet matched by RECEIVED, or the reverse: the two
 * reports travel on different connections, so a RECEIVED may be read before its SENT. Either kind
 * of unmatched report means a message is in flight and time must not advance.
 */
final class InFlightMessages {

    private record Key(String channel, long seq) {}

    private record Report(ClientRef by, long sinceNanos) {}

    private final Map<Key, Report> sentOnly = new LinkedHashMap<>();
    private final Map<Key, Report> receivedOnly = new LinkedHashMap<>();

    void sent(String channel, long seq, ClientRef by, long nowNanos) throws ProtocolException {
        record(new Key(channel, seq), by, nowNanos, sentOnly, receivedOnly, "SENT");
    }

    void received(String channel, long seq, ClientRef by, long nowNanos) throws ProtocolException {
        record(new Key(channel, seq), by, nowNanos, receivedOnly, sentOnly, "RECEIVED");
    }

    private static void record(Key key, ClientRef by, long nowNanos, Map<Key, Report> mine,
                               Map<Key, Report> other, String what) throws ProtocolException {
        if (other.remove(key) != null) {
            return;
        }
        if (mine.putIfAbsent(key, new Report(by, nowNanos)) != null) {
            throw new ProtocolException(what + ": channel '" + key.channel() + "' seq " + key.seq() + " reported twice");
        }
    }

    int size() {
        return sentOnly.size() + receivedOnly.size();
    }

    boolean isEmpty() {
        return sentOnly.isEmpty() && receivedOnly.isEmpty();
    }

    /** Real time (System.nanoTime) at which the oldest unmatched report arrived. */
    Optional<Long> oldestSince() {
        return java.util.stream.Stream.concat(sentOnly.values().stream(), receivedOnly.values().stream())
                .map(Report::sinceNanos).min(Long::compare);
    }

    /** Human-readable list of what is still in flight, for failure messages. */
    String describe() {
        StringBuilder text = new StringBuilder();
        sentOnly.forEach((key, report) -> text.append(text.isEmpty() ? "" : "; ").append("channel '")
                .append(key.channel()).append("' seq ").append(key.seq()).append(" sent by ").append(report.by())
                .append(" was never reported RECEIVED"));
        receivedOnly.forEach((key, report) -> text.append(text.isEmpty() ? "" : "; ").append("channel '")
                .append(key.channel()).append("' seq ").append(key.seq()).append(" received by ").append(report.by())
                .append(" was never reported SENT"));
        return text.toString();
    }
}
