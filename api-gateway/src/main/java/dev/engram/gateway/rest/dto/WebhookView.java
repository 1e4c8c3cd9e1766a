package dev.engram.gateway.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.engram.core.webhook.Webhook;
import dev.engram.core.webhook.WebhookEventType;

import java.time.Instant;
import java.util.List;

/**
 * A webhook as Mem0 answers it ({@code webhook_id, name, url, event_types, owner, is_active, project, created_at,
 * updated_at}), plus its {@code secret} only in the answer to its creation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookView(String webhookId, String name, String url, List<String> eventTypes, String owner, boolean isActive,
                          String project, Instant createdAt, Instant updatedAt, String secret) {

    public static WebhookView of(Webhook w, boolean withSecret) {
        return new WebhookView(w.id().toString(), w.name(), w.url(), w.eventTypes().stream().map(WebhookEventType::wireName).toList(),
                w.tenant().orgId(), w.active(), w.tenant().projectId(), w.createdAt(), w.updatedAt(), withSecret ? w.secret() : null);
    }
}
