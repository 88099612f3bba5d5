package dev.chronoscope.emulator.coord.wire;

import java.util.List;

/**
 * Every message of the coordination protocol (docs/coordination.md). Times are virtual
 * nanoseconds since run start; {@link #NO_WAKE_UP} stands for JSON {@code null} ("no timed
 * wake-up"). Each record's {@link #type()} is its wire name.
 */
public sealed interface Message {

    /** Wake-up value meaning "no timed wake-up": only a message or a collective can wake the client. */
    long NO_WAKE_UP = Long.MAX_VALUE;

    MessageType type();

    // ---- client -> coordinator ----

    /** First frame of a connection. {@code requestedId} is -1 when the coordinator should pick one. */
    record Hello(List<Integer> versions, String token, String name, long pid, int requestedId) implements Message {
        public Hello { versions = List.copyOf(versions); }
        public MessageType type() { return MessageType.HELLO; }
    }

    /**
     * Every emulated thread of the client is blocked; {@code wake} is the earliest wake-up or
     * {@link #NO_WAKE_UP}; {@code seen} counts the COLLECTIVE_DONE frames the client had received.
     */
    record Blocked(long wake, long seen) implements Message {
        public MessageType type() { return MessageType.BLOCKED; }
    }

    /** An inter-process message is about to leave the sender. */
    record Sent(String channel, long seq) implements Message {
        public MessageType type() { return MessageType.SENT; }
    }

    /** An inter-process message has been delivered to the receiver's scheduler. */
    record Received(String channel, long seq) implements Message {
        public MessageType type() { return MessageType.RECEIVED; }
    }

    /**
     * One rank reached collective number {@code seq} of {@code group} at virtual time {@code arrival}.
     * {@code members} are the group's global ranks in group order (optional on the wire: empty when
     * absent, meaning {@code 0..ranks-1}).
     */
    record CollectiveArrive(String group, long seq, String op, long bytes, int rank, int ranks, long arrival,
                            List<Integer> members) implements Message {
        public CollectiveArrive { members = List.copyOf(members); }

        public CollectiveArrive(String group, long seq, String op, long bytes, int rank, int ranks, long arrival) {
            this(group, seq, op, bytes, rank, ranks, arrival, List.of());
        }

        public MessageType type() { return MessageType.COLLECTIVE_ARRIVE; }
    }

    /** The client is done; {@code finalTime} is its last virtual instant. */
    record Goodbye(long finalTime) implements Message {
        public MessageType type() { return MessageType.GOODBYE; }
    }

    // ---- coordinator -> client ----

    record Welcome(int version, int clientId, long runStartEpochMillis, long heartbeatMillis, long timeoutMillis)
            implements Message {
        public MessageType type() { return MessageType.WELCOME; }
    }

    record Refused(String reason) implements Message {
        public MessageType type() { return MessageType.REFUSED; }
    }

    /** The client may run; global virtual time is {@code time}. */
    record Grant(long time) implements Message {
        public MessageType type() { return MessageType.GRANT; }
    }

    record CollectiveDone(String group, long seq, int rank, long start, long end) implements Message {
        public MessageType type() { return MessageType.COLLECTIVE_DONE; }
    }

    // ---- both directions ----

    record Heartbeat() implements Message {
        public MessageType type() { return MessageType.HEARTBEAT; }
    }

    /** A fatal problem; {@code culprit} names the client at fault, when there is one. */
    record Error(String message, ClientRef culprit) implements Message {
        public MessageType type() { return MessageType.ERROR; }
    }

    /** Identifies a client in ERROR frames and failure messages: "name (id 2, pid 4711)". */
    record ClientRef(int id, String name, long pid) {
        @Override
        public String toString() {
            return "'" + name + "' (id " + id + ", pid " + pid + ")";
        }
    }
}
