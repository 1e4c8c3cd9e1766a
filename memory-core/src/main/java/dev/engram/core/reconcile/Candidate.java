package dev.engram.core.reconcile;

import dev.engram.core.domain.MemoryRecord;

/** An existing, active memory similar to a new fact, with its cosine similarity to it. */
public record Candidate(MemoryRecord memory, double similarity) {
}
