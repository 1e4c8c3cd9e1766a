package dev.engram.core.webhook;

import dev.engram.core.domain.Tenant;

import java.time.Instant;
import java.util.UUID;

/**
 * One memory event for one webhook: the outbox row the dispatcher sends, and the delivery log entry clients read.
 *
 * @param id             also the idempotency key sent with every attempt ({@code X-Engram-Delivery})
 * @param payload        the exact JSON body sent (and signed)
 * @param nextAttemptAt  when a PENDING delivery is due; null once DELIVERED or FAILED
 * @param lastStatusCode the receiver's HTTP status at the last attempt; null when it gave none (refused, timed out)
 * @param lastError      why the last attempt failed; null after a success
 */
public record WebhookDelivery(UUID id, UUID webhookId, Tenant tenant, WebhookEventType event, String payload,
                              DeliveryStatus status, int attempts, Instant nextAttemptAt, Integer lastStatusCode,
                              String lastError, Instant createdAt, Instant deliveredAt) {
}
