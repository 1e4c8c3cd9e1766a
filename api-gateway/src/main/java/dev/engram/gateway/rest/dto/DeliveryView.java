package dev.engram.gateway.rest.dto;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.engram.core.webhook.WebhookDelivery;

import java.time.Instant;

/**
 * One entry of a webhook's delivery log: the delivery id (the receiver's idempotency key, {@code X-Engram-Delivery}),
 * the event, the payload sent, the status ({@code PENDING}, {@code DELIVERED}, {@code FAILED}), the attempts made, the
 * receiver's last HTTP status and the last error, and when the next attempt is due.
 */
public record DeliveryView(String deliveryId, String webhookId, String event, @JsonRawValue String payload, String status, int attempts,
                           Integer lastStatusCode, String lastError, Instant nextAttemptAt, Instant createdAt, Instant deliveredAt) {

    public static DeliveryView of(WebhookDelivery d) {
        return new DeliveryView(d.id().toString(), d.webhookId().toString(), d.event().wireName(), d.payload(), d.status().name(),
                d.attempts(), d.lastStatusCode(), d.lastError(), d.nextAttemptAt(), d.createdAt(), d.deliveredAt());
    }
}
