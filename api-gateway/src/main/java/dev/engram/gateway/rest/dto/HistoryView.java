package dev.engram.gateway.rest.dto;

import java.util.List;
import java.util.Map;

/** One entry of {@code GET /v1/memories/{id}/history/}, in Mem0's shape plus the recorded reason and related memory. */
public record HistoryView(
        String id,
        String memoryId,
        List<Map<String, String>> input,
        String oldMemory,
        String newMemory,
        String userId,
        String agentId,
        String appId,
        String runId,
        String sessionId,
        List<String> categories,
        String event,
        Map<String, Object> metadata,
        String createdAt,
        String updatedAt,
        String actorId,
        String role,
        String relatedMemoryId,
        String eventId,
        String reason) {
}
