package dev.engram.client.model;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A stored memory (Mem0's Memory object). {@code score} is set on search results only (0 to 1); {@code runId} is the
 * run (Mem0 calls it {@code session_id} on get and list; Engram sends both). {@code metadata} keys are as stored.
 */
public record Memory(
        String id,
        String memory,
        String hash,
        String userId,
        String agentId,
        String appId,
        String runId,
        Map<String, Object> metadata,
        List<String> categories,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        String expirationDate,
        boolean immutable,
        Double score,
        String state) {
}
