package dev.engram.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A change to one memory as the client gave it: new text, metadata, timestamp (unix seconds or ISO-8601) and expiration
 * date ({@code YYYY-MM-DD}; a JSON null clears it). The JSON values are read and validated by {@link MemoryService#update}.
 */
public record MemoryEdit(String text, JsonNode metadata, JsonNode timestamp, JsonNode expirationDate) {
}
