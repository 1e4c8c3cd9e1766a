package dev.engram.core.webhook;

import dev.engram.core.domain.Tenant;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * A project's webhook: where its memory events are POSTed, which ones, and the secret their signature is made with.
 *
 * @param secret the HMAC-SHA256 key of {@link WebhookSignature}; shown to the client once, at creation
 * @param active an inactive webhook keeps its deliveries but gets no new ones
 */
public record Webhook(UUID id, Tenant tenant, String name, String url, Set<WebhookEventType> eventTypes, String secret,
                      boolean active, Instant createdAt, Instant updatedAt) {

    public Webhook {
        eventTypes = eventTypes == null || eventTypes.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(eventTypes));
    }

    public boolean wants(WebhookEventType type) {
        return active && eventTypes.contains(type);
    }
}
