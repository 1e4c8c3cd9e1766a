package dev.engram.dashboard.memories;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reading the gateway's answers leniently: a missing or null field is null, so a newer gateway's extras never break us. */
final class GatewayJson {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private GatewayJson() {
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    /** A JSON value as plain Java (maps, lists, strings, numbers, booleans), for free-form metadata. */
    static Object plain(JsonNode value) {
        return PLAIN.convertValue(value, Object.class);
    }
}
