package dev.engram.gateway.rest.dto;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/** An ingest event as {@code GET /v1/event/{id}/} shows it. */
public record EventView(
        String id,
        String eventType,
        String status,
        JsonNode payload,
        Map<String, Object> metadata,
        List<AddEventView> results,
        String createdAt,
        String updatedAt,
        String startedAt,
        String completedAt,
        Long latency,
        String graphStatus,
        String error,
        int attempts,
        Map<String, Long> usage) {
}
