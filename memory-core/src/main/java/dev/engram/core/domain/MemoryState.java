package dev.engram.core.domain;

/** Lifecycle of a memory. Only ACTIVE memories are returned by default. */
public enum MemoryState {
    /** Current knowledge. */
    ACTIVE,
    /** Replaced by a newer memory about the same subject and attribute ({@code replacedBy} points to it); kept for history. */
    SUPERSEDED,
    /** Deleted by a client or by reconciliation; kept as a tombstone for history, never returned. */
    DELETED
}
