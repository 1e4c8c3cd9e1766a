package dev.engram.gateway.rest.dto;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.gateway.service.MemoryEdit;

/**
 * {@code PUT /v1/memories/{id}/}: any of text (or its older name data), metadata, timestamp (unix seconds or ISO),
 * expiration_date ({@code YYYY-MM-DD}; an explicit null clears it, which is why it is read as a JSON node).
 */
public record UpdateBody(String text, String data, JsonNode metadata, JsonNode timestamp, JsonNode expirationDate) {

    /** The edit for {@link dev.engram.gateway.service.MemoryService#update}; null when there is no body. */
    public static MemoryEdit edit(UpdateBody body) {
        if (body == null) return null;
        return new MemoryEdit(body.text() != null ? body.text() : body.data(), body.metadata(), body.timestamp(), body.expirationDate());
    }
}
