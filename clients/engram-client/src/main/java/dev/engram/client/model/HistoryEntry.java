package dev.engram.client.model;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * One change of a memory ({@code GET /v1/memories/{id}/history/}): {@code event} is {@code ADD}, {@code UPDATE} or
 * {@code DELETE}, with the text before and after; {@code reason} is why Engram made it, {@code eventId} the add that did.
 */
public record HistoryEntry(
        String id,
        String memoryId,
        List<Map<String, String>> input,
        String oldMemory,
        String newMemory,
        String userId,
        String agentId,
        String appId,
        String runId,
        String event,
        Map<String, Object> metadata,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        String eventId,
        String reason) {
}
