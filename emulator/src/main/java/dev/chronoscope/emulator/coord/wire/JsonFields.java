package dev.chronoscope.emulator.coord.wire;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Typed access to the fields of one received message; failures name the message type and field. */
final class JsonFields {

    private final JsonNode node;
    private final String type;

    JsonFields(JsonNode node, String type) {
        this.node = node;
        this.type = type;
    }

    String text(String field) throws ProtocolException {
        JsonNode value = present(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw wrong(field, "a non-empty string", value);
        }
        return value.asText();
    }

    long nonNegativeLong(String field) throws ProtocolException {
        JsonNode value = present(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw wrong(field, "an integer >= 0", value);
        }
        return value.asLong();
    }

    /** A wake-up time: an integer >= 0, or null for {@link Message#NO_WAKE_UP}. */
    long wakeUp(String field) throws ProtocolException {
        JsonNode value = present(field);
        return value.isNull() ? Message.NO_WAKE_UP : nonNegativeLong(field);
    }

    int intInRange(String field, int min, int max) throws ProtocolException {
        JsonNode value = present(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw wrong(field, "an integer in " + min + ".." + max, value);
        }
        return value.asInt();
    }

    int optionalIntInRange(String field, int min, int max, int absent) throws ProtocolException {
        return node.hasNonNull(field) ? intInRange(field, min, max) : absent;
    }

    List<Integer> intList(String field) throws ProtocolException {
        JsonNode value = present(field);
        if (!value.isArray() || value.isEmpty()) {
            throw wrong(field, "a non-empty array of integers", value);
        }
        List<Integer> result = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isIntegralNumber() || !element.canConvertToInt()) {
                throw wrong(field, "a non-empty array of integers", value);
            }
            result.add(element.asInt());
        }
        return result;
    }

    /** Absent or null: an empty list; otherwise a non-empty array of distinct integers >= 0. */
    List<Integer> optionalRankList(String field) throws ProtocolException {
        if (!node.hasNonNull(field)) {
            return List.of();
        }
        JsonNode value = node.get(field);
        List<Integer> result = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (!element.isIntegralNumber() || !element.canConvertToInt() || element.asInt() < 0
                        || result.contains(element.asInt())) {
                    break;
                }
                result.add(element.asInt());
            }
        }
        if (result.isEmpty() || result.size() != value.size()) {
            throw wrong(field, "a non-empty array of distinct integers >= 0", value);
        }
        return result;
    }

    Message.ClientRef optionalClientRef(String field) throws ProtocolException {
        if (!node.hasNonNull(field)) {
            return null;
        }
        JsonFields ref = new JsonFields(node.get(field), type + "." + field);
        return new Message.ClientRef(ref.intInRange("id", 0, Integer.MAX_VALUE), ref.text("name"), ref.nonNegativeLong("pid"));
    }

    private JsonNode present(String field) throws ProtocolException {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new ProtocolException(type + ": missing field '" + field + "'");
        }
        return value;
    }

    private ProtocolException wrong(String field, String expected, JsonNode actual) {
        String shown = actual.toString();
        if (shown.length() > 60) {
            shown = shown.substring(0, 60) + "...";
        }
        return new ProtocolException(type + ": field '" + field + "' must be " + expected + ", got " + shown);
    }
}
