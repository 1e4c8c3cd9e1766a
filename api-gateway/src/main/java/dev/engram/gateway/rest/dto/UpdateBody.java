package dev.engram.gateway.rest.dto;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code PUT /v1/memories/{id}/}: any of text, metadata, timestamp (unix seconds or ISO), expiration_date
 * ({@code YYYY-MM-DD}; an explicit null clears it, which is why it is read as a JSON node).
 */
public record UpdateBody(String text, String data, JsonNode metadata, JsonNode timestamp, JsonNode expirationDate) {
}
