package dev.engram.client.model;

import java.util.List;

/**
 * The answer to an add. Queued (the default for inferred adds): {@code status} is {@code PENDING} and {@code eventId}
 * names the event to wait on ({@code EngramClient.awaitEvent}). Processed before the response ({@code infer:false} or
 * {@code asyncMode:false}): {@code results} lists the changes.
 */
public record AddResult(String status, String eventId, String message, List<MemoryEvent> results) {

    public AddResult {
        results = results == null ? List.of() : List.copyOf(results);
    }

    /** Whether the add was queued and its results come with its event. */
    public boolean pending() {
        return "PENDING".equals(status);
    }
}
