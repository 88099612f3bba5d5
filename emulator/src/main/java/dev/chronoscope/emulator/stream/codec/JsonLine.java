package dev.chronoscope.emulator.stream.codec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** Typed, checked access to the fields of one NDJSON line; errors name the line and the field. */
final class JsonLine {
    private final JsonNode node;
    private final String source;
    private final long line;

    JsonLine(JsonNode node, String source, long line) {
        this.node = node;
        this.source = source;
        this.line = line;
    }

    StreamFormatException error(String message) {
        return StreamFormatException.atLine(source, line, message, null);
    }

    private JsonNode field(String name) {
        JsonNode v = node.get(name);
        if (v == null) throw error("missing field \"" + name + "\"");
        return v;
    }

    long longField(String name) {
        JsonNode v = field(name);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) throw error("field \"" + name + "\" must be a 64-bit integer but is " + v);
        return v.longValue();
    }

    int intField(String name) {
        JsonNode v = field(name);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) throw error("field \"" + name + "\" must be a 32-bit integer but is " + v);
        return v.intValue();
    }

    boolean boolField(String name) {
        JsonNode v = field(name);
        if (!v.isBoolean()) throw error("field \"" + name + "\" must be true or false but is " + v);
        return v.booleanValue();
    }

    String stringField(String name) {
        JsonNode v = field(name);
        if (v.isNull()) return null;
        if (!v.isTextual()) throw error("field \"" + name + "\" must be a string or null but is " + v);
        return v.textValue();
    }

    <E extends Enum<E>> E enumField(String name, Class<E> type) {
        String s = stringField(name);
        if (s == null) return null;
        for (E e : type.getEnumConstants()) if (e.name().equals(s)) return e;
        throw error("field \"" + name + "\" is \"" + s + "\", expected one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }

    /** An object field (null allowed when {@code nullable}). */
    JsonNode objectField(String name, boolean nullable) {
        JsonNode v = field(name);
        if (v.isNull() && nullable) return null;
        if (!v.isObject()) throw error("field \"" + name + "\" must be an object" + (nullable ? " or null" : "") + " but is " + v);
        return v;
    }

    JsonNode arrayField(String name, boolean nullable) {
        JsonNode v = field(name);
        if (v.isNull() && nullable) return null;
        if (!v.isArray()) throw error("field \"" + name + "\" must be an array" + (nullable ? " or null" : "") + " but is " + v);
        return v;
    }

    int[] intArray(String name) {
        JsonNode a = arrayField(name, true);
        if (a == null) return null;
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = a.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) throw error("\"" + name + "\"[" + i + "] must be a 32-bit integer but is " + v);
            out[i] = v.intValue();
        }
        return out;
    }

    long[] longArray(String name) {
        JsonNode a = arrayField(name, true);
        if (a == null) return null;
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = a.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong()) throw error("\"" + name + "\"[" + i + "] must be a 64-bit integer but is " + v);
            out[i] = v.longValue();
        }
        return out;
    }

    /** A number, or one of the strings "NaN", "Infinity", "-Infinity" that stand for values JSON lacks. */
    double doubleValue(JsonNode v, String what) {
        if (v.isNumber()) return v.doubleValue();
        if (v.isTextual()) {
            switch (v.textValue()) {
                case "NaN" -> { return Double.NaN; }
                case "Infinity" -> { return Double.POSITIVE_INFINITY; }
                case "-Infinity" -> { return Double.NEGATIVE_INFINITY; }
                default -> { }
            }
        }
        throw error(what + " must be a number (or \"NaN\", \"Infinity\", \"-Infinity\") but is " + v);
    }

    Iterable<Map.Entry<String, JsonNode>> entries(JsonNode object) {
        return object.properties();
    }
}
