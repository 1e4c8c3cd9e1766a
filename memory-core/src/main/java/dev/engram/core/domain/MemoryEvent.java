package dev.engram.core.domain;

import java.util.UUID;

/**
 * What an add did to one memory (Mem0's {@code results[]} item).
 *
 * @param previousText for UPDATE the text before
 * @param related      for SUPERSEDE the memory that was superseded by {@code memoryId}... see {@link Type}
 */
public record MemoryEvent(UUID memoryId, String text, Type type, String previousText, UUID related, String reason) {

    public enum Type {
        /** A new memory. */
        ADD,
        /** An existing memory's text was replaced by a richer one. */
        UPDATE,
        /** A new memory ({@code memoryId}) replaced an older one ({@code related}), which is kept as SUPERSEDED. */
        SUPERSEDE,
        /** A memory was deleted (LLM mode: a contradiction without a replacement). */
        DELETE,
        /** The fact was already known ({@code memoryId} is the existing memory). */
        NONE
    }
}
