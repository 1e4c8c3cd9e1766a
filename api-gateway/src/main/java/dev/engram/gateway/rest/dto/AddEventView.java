package dev.engram.gateway.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One memory event of an add: {@code {id, memory, event, data:{memory}}} (the v1.0 and v1.1 shapes at once), plus
 * {@code previous_memory} on an UPDATE and {@code related_memory_id} when the event names one.
 */
public record AddEventView(String id, String memory, String event, Data data,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String previousMemory,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String relatedMemoryId) implements AddItem {

    /** {@code data.memory}: the text, or an empty string for a deletion. */
    public record Data(String memory) {
    }
}
