package dev.chronoscope.engine.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;

/** Typed access to a request body's fields; a wrong type or range is a 400 naming the field. */
final class JsonFields {
    private final JsonNode root;

    private JsonFields(JsonNode root) {
        this.root = root;
    }

    static JsonFields parse(byte[] body) {
        JsonNode root;
        try {
            root = Exchanges.JSON.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest("Malformed JSON body: " + e.getOriginalMessage() + locationOf(e), null);
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("Unreadable request body: " + e.getMessage(), null);
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object.", null);
        }
        return new JsonFields(root);
    }

    private static String locationOf(JacksonException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    JsonNode node(String field) {
        JsonNode node = root.get(field);
        return node == null || node.isNull() ? null : node;
    }

    String string(String field) {
        JsonNode node = node(field);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("'" + field + "' must be a string.", field);
        }
        return node.asText();
    }

    Integer integer(String field) {
        JsonNode node = node(field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw ApiException.badRequest("'" + field + "' must be an integer, got " + node + ".", field);
        }
        return node.asInt();
    }

    Long longValue(String field) {
        JsonNode node = node(field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw ApiException.badRequest("'" + field + "' must be an integer, got " + node + ".", field);
        }
        return node.asLong();
    }

    double number(String field, double fallback) {
        JsonNode node = node(field);
        if (node == null) {
            return fallback;
        }
        if (!node.isNumber()) {
            throw ApiException.badRequest("'" + field + "' must be a number, got " + node + ".", field);
        }
        return node.asDouble();
    }

    boolean bool(String field, boolean fallback) {
        JsonNode node = node(field);
        if (node == null) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw ApiException.badRequest("'" + field + "' must be true or false, got " + node + ".", field);
        }
        return node.asBoolean();
    }
}
