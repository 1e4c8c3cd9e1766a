package dev.engram.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.error.ValidationException;

/** Typed reads of fields of a JSON body that arrives as a tree, with client-readable errors for wrong types. */
final class BodyFields {

    private BodyFields() {
    }

    static boolean absent(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode();
    }

    /** A string field; numbers are accepted as their text (ids are often numeric). */
    static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (absent(n)) return null;
        if (n.isTextual()) return n.asText();
        if (n.isIntegralNumber()) return n.asText();
        throw new ValidationException(field + " must be a string");
    }

    static boolean bool(JsonNode body, String field, boolean fallback) {
        JsonNode n = body.get(field);
        if (absent(n)) return fallback;
        if (n.isBoolean()) return n.asBoolean();
        throw new ValidationException(field + " must be true or false");
    }
}
