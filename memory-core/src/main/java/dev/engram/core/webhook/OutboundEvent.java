package dev.engram.core.webhook;

import java.util.Objects;

/** A memory event to send to the project's webhooks that subscribed to its type, with the JSON body they get. */
public record OutboundEvent(WebhookEventType type, String payload) {

    public OutboundEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
    }
}
