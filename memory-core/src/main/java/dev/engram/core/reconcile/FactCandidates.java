package dev.engram.core.reconcile;

import dev.engram.core.extract.Fact;

import java.util.List;

/** A new fact and the most similar existing memories in its scope, best first. */
public record FactCandidates(Fact fact, List<Candidate> candidates) {
    public FactCandidates {
        candidates = List.copyOf(candidates);
    }
}
