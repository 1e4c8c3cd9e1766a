package dev.engram.gateway.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The body of {@code POST /api/v1/webhooks/projects/{project_id}/}, for the OpenAPI document only: the route reads the
 * raw JSON ({@link dev.engram.gateway.service.WebhookService#create}) so that each bad field gets its own 400.
 */
@Schema(description = "A new webhook")
public record NewWebhookBody(
        @Schema(required = true, description = "The webhook's name (at most 256 characters)") String name,
        @Schema(required = true, description = "The http(s) URL the events are posted to (private, loopback and link-local hosts are refused unless the server allows private targets)")
        String url,
        @Schema(description = "The events to deliver: memory_add, memory_update, memory_delete, memory_categorize "
                + "(default: memory_add, memory_update, memory_delete)") List<String> eventTypes) {
}
