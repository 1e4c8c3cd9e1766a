package dev.engram.gateway.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The body of {@code PUT /api/v1/webhooks/{webhook_id}/}, for the OpenAPI document only: the route reads the raw JSON
 * ({@link dev.engram.gateway.service.WebhookService#update}) so that each bad field gets its own 400.
 */
@Schema(description = "A change to a webhook: only the fields given change")
public record WebhookUpdateBody(
        @Schema(description = "The webhook's new name (at most 256 characters)") String name,
        @Schema(description = "The new http(s) URL the events are posted to") String url,
        @Schema(description = "The events to deliver: memory_add, memory_update, memory_delete, memory_categorize")
        List<String> eventTypes,
        @Schema(description = "false pauses deliveries, true resumes them") Boolean isActive) {
}
