package dev.engram.gateway.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * A memory on the wire (Mem0's Memory object plus Engram's extras {@code sources}, {@code state}, {@code replaced_by},
 * {@code event_time}, and the memory's current {@code feedback} with its {@code feedback_reason}, null when it has none).
 * Names are snake_case; {@code run_id} and {@code session_id} carry the same value because search
 * clients read the first and get/list clients the second. {@code score} is present on search results only.
 */
public record MemoryView(
        String id,
        String memory,
        String hash,
        String userId,
        String agentId,
        String appId,
        String runId,
        String sessionId,
        String actorId,
        String role,
        Map<String, Object> metadata,
        List<String> categories,
        String createdAt,
        String updatedAt,
        String expirationDate,
        boolean immutable,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double score,
        String state,
        String replacedBy,
        String eventTime,
        List<SourceView> sources,
        String feedback,
        String feedbackReason) implements MemoryResult {

    /** One message the memory came from. */
    public record SourceView(String eventId, int messageIndex, String messageId, String speaker, String role, String timestamp) {
    }
}
