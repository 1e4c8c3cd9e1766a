package dev.engram.gateway.rest.dto;

import java.util.List;

/** A synchronous v3 add: {@code {message: "Memories processed", event_id, results}}. */
public record ProcessedAddView(String message, String eventId, List<AddEventView> results) implements V3AddView {
}
