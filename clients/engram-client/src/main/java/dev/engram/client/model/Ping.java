package dev.engram.client.model;

/** {@code GET /v1/ping/}: {@code status} is {@code ok} for a valid key, with the key's organization and project. */
public record Ping(String status, String orgId, String projectId, String userEmail) {
}
