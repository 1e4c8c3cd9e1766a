package dev.engram.core.domain;

/** Lifecycle of a memory. Only ACTIVE memories are returned by default. */
public enum MemoryState {
    /** Current knowledge. */
    ACTIVE,
    /** Replaced by a newer memory about the same subject and attribute ({@code replacedBy} points to it); kept for history. */
    SUPERSEDED,
    /** Deleted by a client or by reconciliation; kept as a tombstone for history, never returned. */
    DELETED,
    /**
     * A message of an inferred add kept verbatim as retrievable evidence: search can reach what a message said even when
     * extraction drew no fact from it (or a weak one). Never listed, never reconciled, no history of its own; deleted
     * with the facts drawn from it or with its scope.
     */
    EVIDENCE
}
