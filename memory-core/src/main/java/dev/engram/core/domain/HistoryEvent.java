package dev.engram.core.domain;

/** A decision recorded in a memory's history. */
public enum HistoryEvent {
    ADD,
    UPDATE,
    /** The memory was replaced by a newer one; {@code HistoryEntry.relatedMemoryId} names it. */
    SUPERSEDE,
    DELETE,
    /** A new fact matched this memory and changed nothing (duplicate); recorded so every decision is traceable. */
    NONE
}
