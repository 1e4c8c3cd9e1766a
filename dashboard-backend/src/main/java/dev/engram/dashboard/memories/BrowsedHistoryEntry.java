package dev.engram.dashboard.memories;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One change of a memory: {@code event} is {@code ADD}, {@code UPDATE}, {@code DELETE} (or another the engine records),
 * {@code old_memory} → {@code new_memory}, when, by whom ({@code actor_id}, {@code role}), why ({@code reason}), from which
 * ingest event, and the memory it relates to (the one that superseded it, for instance).
 */
public record BrowsedHistoryEntry(String id, String event, String oldMemory, String newMemory, String createdAt, String actorId, String role,
                           String reason, String eventId, String relatedMemoryId) {

    static BrowsedHistoryEntry of(JsonNode n) {
        return new BrowsedHistoryEntry(GatewayJson.text(n, "id"), GatewayJson.text(n, "event"), GatewayJson.text(n, "old_memory"),
                GatewayJson.text(n, "new_memory"), GatewayJson.text(n, "created_at"), GatewayJson.text(n, "actor_id"),
                GatewayJson.text(n, "role"), GatewayJson.text(n, "reason"), GatewayJson.text(n, "event_id"),
                GatewayJson.text(n, "related_memory_id"));
    }
}
