package dev.chronoscope.emulator.coord.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;

/** Converts messages to and from the JSON objects carried by frames (docs/coordination.md §Messages). */
public final class MessageCodec {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private MessageCodec() {}

    public static Message decode(byte[] payload) throws ProtocolException {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            long offset = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
            throw new ProtocolException("malformed JSON at byte " + offset + ": " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new ProtocolException("unreadable JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ProtocolException("a frame must hold one JSON object, got " + (root == null ? "nothing" : root.getNodeType()));
        }
        JsonNode typeNode = root.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new ProtocolException("missing string field 'type'");
        }
        MessageType type = MessageType.byWireName(typeNode.asText()).orElseThrow(() -> new ProtocolException(
                "unknown message type '" + typeNode.asText() + "' (known: " + Arrays.toString(MessageType.values()) + ")"));
        JsonFields f = new JsonFields(root, type.name());
        return switch (type) {
            case HELLO -> new Message.Hello(f.intList("versions"), f.text("token"), f.text("name"),
                    f.nonNegativeLong("pid"), f.optionalIntInRange("id", 0, Integer.MAX_VALUE, -1));
            case BLOCKED -> new Message.Blocked(f.wakeUp("wake"), f.nonNegativeLong("seen"));
            case SENT -> new Message.Sent(f.text("channel"), f.nonNegativeLong("seq"));
            case RECEIVED -> new Message.Received(f.text("channel"), f.nonNegativeLong("seq"));
            case COLLECTIVE_ARRIVE -> new Message.CollectiveArrive(f.text("group"), f.nonNegativeLong("seq"),
                    f.text("op"), f.nonNegativeLong("bytes"), f.intInRange("rank", 0, Integer.MAX_VALUE),
                    f.intInRange("ranks", 1, Integer.MAX_VALUE), f.nonNegativeLong("arrival"), f.optionalRankList("members"));
            case GOODBYE -> new Message.Goodbye(f.nonNegativeLong("finalTime"));
            case WELCOME -> new Message.Welcome(f.intInRange("version", 1, Integer.MAX_VALUE),
                    f.intInRange("clientId", 0, Integer.MAX_VALUE), f.nonNegativeLong("runStartEpochMillis"),
                    f.nonNegativeLong("heartbeatMillis"), f.nonNegativeLong("timeoutMillis"));
            case REFUSED -> new Message.Refused(f.text("reason"));
            case GRANT -> new Message.Grant(f.nonNegativeLong("time"));
            case COLLECTIVE_DONE -> new Message.CollectiveDone(f.text("group"), f.nonNegativeLong("seq"),
                    f.intInRange("rank", 0, Integer.MAX_VALUE), f.nonNegativeLong("start"), f.nonNegativeLong("end"));
            case HEARTBEAT -> new Message.Heartbeat();
            case ERROR -> new Message.Error(f.text("message"), f.optionalClientRef("client"));
        };
    }

    public static byte[] encode(Message message) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", message.type().name());
        switch (message) {
            case Message.Hello m -> {
                m.versions().forEach(o.putArray("versions")::add);
                o.put("token", m.token()).put("name", m.name()).put("pid", m.pid());
                if (m.requestedId() >= 0) {
                    o.put("id", m.requestedId());
                }
            }
            case Message.Blocked m -> {
                putWake(o, "wake", m.wake());
                o.put("seen", m.seen());
            }
            case Message.Sent m -> o.put("channel", m.channel()).put("seq", m.seq());
            case Message.Received m -> o.put("channel", m.channel()).put("seq", m.seq());
            case Message.CollectiveArrive m -> {
                o.put("group", m.group()).put("seq", m.seq()).put("op", m.op()).put("bytes", m.bytes())
                        .put("rank", m.rank()).put("ranks", m.ranks()).put("arrival", m.arrival());
                if (!m.members().isEmpty()) {
                    m.members().forEach(o.putArray("members")::add);
                }
            }
            case Message.Goodbye m -> o.put("finalTime", m.finalTime());
            case Message.Welcome m -> o.put("version", m.version()).put("clientId", m.clientId())
                    .put("runStartEpochMillis", m.runStartEpochMillis()).put("heartbeatMillis", m.heartbeatMillis())
                    .put("timeoutMillis", m.timeoutMillis());
            case Message.Refused m -> o.put("reason", m.reason());
            case Message.Grant m -> o.put("time", m.time());
            case Message.CollectiveDone m -> o.put("group", m.group()).put("seq", m.seq()).put("rank", m.rank())
                    .put("start", m.start()).put("end", m.end());
            case Message.Heartbeat m -> { }
            case Message.Error m -> {
                o.put("message", m.message());
                if (m.culprit() != null) {
                    o.putObject("client").put("id", m.culprit().id()).put("name", m.culprit().name())
                            .put("pid", m.culprit().pid());
                }
            }
        }
        try {
            return JSON.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + message.type(), e);
        }
    }

    private static void putWake(ObjectNode o, String field, long wake) {
        if (wake == Message.NO_WAKE_UP) {
            o.putNull(field);
        } else {
            o.put(field, wake);
        }
    }
}
