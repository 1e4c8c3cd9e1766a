package dev.engram.client.model;

/**
 * One change an add made: {@code event} is {@code ADD}, {@code UPDATE}, {@code DELETE} or {@code NONE}; {@code memory} is
 * the memory's text after it, {@code previousMemory} the text before an update.
 */
public record MemoryEvent(String id, String memory, String event, String previousMemory, String relatedMemoryId) {
}
