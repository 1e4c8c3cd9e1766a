package dev.engram.core.domain;

import java.util.List;

/** The outcome of an add: one event per memory touched, and what the extraction cost. */
public record AddResult(String eventId, List<MemoryEvent> events, TokenUsage usage, String extractor) {
    public AddResult {
        events = List.copyOf(events);
    }
}
