package dev.engram.gateway.rest.dto;

import java.util.Map;

/** One entity of {@code GET /v1/entities/}: a distinct user, agent, app or run id and how many memories it has. */
public record EntityView(String id, String name, String type, String createdAt, String updatedAt, long totalMemories, String owner,
                         Map<String, Object> metadata) {
}
