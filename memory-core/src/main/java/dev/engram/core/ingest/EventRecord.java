package dev.engram.core.ingest;

import dev.engram.core.domain.MemoryEvent;
import dev.engram.core.domain.Tenant;
import dev.engram.core.domain.TokenUsage;

import java.time.Instant;
import java.util.List;

/**
 * The tracked state of one event, as {@code GET /v1/event/{id}/} shows it.
 *
 * @param type      "ADD" for adds (Mem0's event_type)
 * @param payload   the original request as JSON text, for the event's {@code payload} field
 * @param attempts  how many times processing started (retries after failures or crashes)
 * @param error     why it FAILED, safe to show to the client
 */
public record EventRecord(
        String id,
        Tenant tenant,
        String type,
        EventStatus status,
        String payload,
        List<MemoryEvent> results,
        TokenUsage usage,
        int attempts,
        String error,
        Instant createdAt,
        Instant updatedAt,
        Instant startedAt,
        Instant completedAt) {

    public EventRecord {
        results = results == null ? List.of() : List.copyOf(results);
        if (usage == null) usage = TokenUsage.NONE;
    }

    /** Milliseconds from start to completion, when both are known. */
    public Long latencyMillis() {
        return startedAt == null || completedAt == null ? null : completedAt.toEpochMilli() - startedAt.toEpochMilli();
    }
}
