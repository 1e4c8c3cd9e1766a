package dev.engram.client.model;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A queued add as {@code GET /v1/event/{id}/} shows it. {@code status} goes {@code PENDING} → {@code RUNNING} →
 * {@code SUCCEEDED} or {@code FAILED} ({@code error} says why); {@code results} are the changes once it succeeded.
 */
public record Event(String id, String eventType, String status, List<MemoryEvent> results, String error, OffsetDateTime createdAt,
                    OffsetDateTime completedAt, Long latency, int attempts) {

    public Event {
        results = results == null ? List.of() : List.copyOf(results);
    }

    /** Whether processing has finished, successfully or not. */
    public boolean done() {
        return "SUCCEEDED".equals(status) || "FAILED".equals(status);
    }

    public boolean succeeded() {
        return "SUCCEEDED".equals(status);
    }
}
