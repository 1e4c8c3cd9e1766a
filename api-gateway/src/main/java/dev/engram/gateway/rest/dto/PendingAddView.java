package dev.engram.gateway.rest.dto;

/** A background add, queued: {@code {message, status: PENDING, event_id}}; poll {@code GET /v1/event/{event_id}/}. */
public record PendingAddView(String message, String status, String eventId) implements AddItem, V3AddView {

    public static final String QUEUED = "Memory processing has been queued for background execution";

    public static PendingAddView of(String eventId) {
        return new PendingAddView(QUEUED, "PENDING", eventId);
    }
}
