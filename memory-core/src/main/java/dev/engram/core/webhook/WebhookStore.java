package dev.engram.core.webhook;

import dev.engram.core.domain.Tenant;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Webhooks of each project and the outbox of their deliveries. Every method a client's request reaches takes the
 * tenant, so a webhook of another project is never found; only the dispatcher's {@link #claimDue} spans tenants.
 */
public interface WebhookStore {

    Webhook create(Tenant tenant, String name, String url, java.util.Set<WebhookEventType> eventTypes, String secret, Instant at);

    /** The project's webhooks, oldest first. */
    List<Webhook> list(Tenant tenant);

    Optional<Webhook> get(Tenant tenant, UUID id);

    /** Applies the change; empty when the project has no such webhook. */
    Optional<Webhook> update(Tenant tenant, UUID id, WebhookChange change, Instant at);

    /** Deletes the webhook and its deliveries; false when the project has no such webhook. */
    boolean delete(Tenant tenant, UUID id);

    /**
     * Queues one delivery per event and active webhook of the project subscribed to the event's type, due at once.
     *
     * @return the deliveries queued
     */
    int enqueue(Tenant tenant, List<OutboundEvent> events, Instant at);

    /**
     * PENDING deliveries due at {@code now}, oldest first, each claimed for {@code lease}: no other dispatcher (another
     * gateway on the same database) takes it before the lease ends, and a dispatcher that dies while sending leaves it
     * to be sent again then.
     */
    List<WebhookDelivery> claimDue(Instant now, Duration lease, int limit);

    /** The attempt got a 2xx answer: DELIVERED. */
    void delivered(UUID deliveryId, int statusCode, Instant at);

    /**
     * The attempt failed: PENDING again, due at {@code retryAt}, or FAILED for good when {@code retryAt} is null.
     *
     * @param statusCode the receiver's status, or null when there was no answer
     */
    void attemptFailed(UUID deliveryId, Integer statusCode, String error, Instant retryAt, Instant at);

    /** The webhook's deliveries, newest first; empty when the project has no such webhook. */
    List<WebhookDelivery> deliveries(Tenant tenant, UUID webhookId, int limit);
}
