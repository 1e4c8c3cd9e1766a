package dev.engram.core.reconcile;

import dev.engram.core.domain.TokenUsage;

import java.util.List;

/** Decisions for a batch of facts and what deciding cost. */
public record Reconciliation(List<Decision> decisions, TokenUsage usage) {
    public Reconciliation {
        decisions = List.copyOf(decisions);
    }
}
