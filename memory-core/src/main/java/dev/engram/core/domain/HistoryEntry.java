package dev.engram.core.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One entry of a memory's history: what happened, the text before and after, who caused it and when.
 *
 * @param relatedMemoryId for SUPERSEDE the memory that replaced this one; for NONE/UPDATE from a merge, the other memory if any
 * @param eventId         the add event (or API call) that caused the change, when known
 * @param reason          a short, human-readable why ("exact duplicate", "contradicts: lives in", "llm: UPDATE")
 */
public record HistoryEntry(
        UUID id,
        UUID memoryId,
        HistoryEvent event,
        String oldText,
        String newText,
        String actor,
        String role,
        Instant at,
        UUID relatedMemoryId,
        String eventId,
        String reason) {
}
