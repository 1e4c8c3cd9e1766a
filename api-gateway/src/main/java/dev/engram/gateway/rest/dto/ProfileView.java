package dev.engram.gateway.rest.dto;

import java.time.Instant;
import java.util.Map;

/**
 * A user's profile ({@code GET /v2/entities/user/{id}/profile/}): {@code profile} holds content only when
 * {@code status} is {@code succeeded} (its keys are the schema's, or {@code categories} and {@code summary}).
 */
public record ProfileView(Map<String, Object> profile, String status, String entityType, String entityId, Instant updatedAt,
                          int generationCount, String error) {
}
