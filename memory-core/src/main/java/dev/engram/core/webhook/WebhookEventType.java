package dev.engram.core.webhook;

import dev.engram.core.error.ValidationException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The memory events a webhook can subscribe to, by Mem0's names ({@code memory_add}, ...), and the {@code event} each
 * sends in its payload ({@code ADD}, ...). Engram emits add, update and delete; {@code memory_categorize} is accepted
 * for Mem0 compatibility but never sent, because categories are assigned inside the add that creates the memory.
 */
public enum WebhookEventType {
    MEMORY_ADD("ADD"),
    MEMORY_UPDATE("UPDATE"),
    MEMORY_DELETE("DELETE"),
    MEMORY_CATEGORIZE("CATEGORIZE");

    private final String payloadEvent;

    WebhookEventType(String payloadEvent) {
        this.payloadEvent = payloadEvent;
    }

    /** Mem0's name: {@code memory_add}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The payload's {@code event_details.event}: {@code ADD}. */
    public String payloadEvent() {
        return payloadEvent;
    }

    public static WebhookEventType parse(String name) {
        for (WebhookEventType t : values()) if (name != null && t.wireName().equalsIgnoreCase(name.strip())) return t;
        throw new ValidationException("Unknown webhook event type '" + name + "': use "
                + Arrays.stream(values()).map(WebhookEventType::wireName).collect(Collectors.joining(", ")));
    }
}
