package dev.engram.core.reconcile;

import java.util.List;

/**
 * Decides, for new facts, whether each is new (ADD), already known (NONE), a richer version of a memory (UPDATE) or a
 * contradiction that supersedes one. Implementations: offline (similarity + attribute slots) and LLM (Mem0's phase 2).
 * Immutable candidates are never updated, superseded or deleted.
 */
public interface Reconciler {

    Reconciliation reconcile(List<FactCandidates> facts);

    /** The reconciler for adds that must not call a model ({@code AddRequest.offlineOnly}): this one unless it calls one. */
    default Reconciler offline() {
        return this;
    }
}
