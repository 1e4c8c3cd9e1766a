package dev.engram.core.webhook;

import java.util.Set;

/** A partial change of a webhook (Mem0's {@code PUT /api/v1/webhooks/{id}/}): null fields stay as they are. */
public record WebhookChange(String name, String url, Set<WebhookEventType> eventTypes, Boolean active) {
}
