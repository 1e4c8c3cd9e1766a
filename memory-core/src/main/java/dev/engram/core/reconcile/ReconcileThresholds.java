package dev.engram.core.reconcile;

/**
 * The similarity thresholds of {@link OfflineReconciler}, taken from the engine's settings
 * ({@link dev.engram.core.engine.EngineSettings#reconcileThresholds()}) so that the reconciler does not depend on the
 * engine that drives it.
 *
 * @param duplicateSimilarity cosine at or above which a new fact is the same as an existing memory (NONE)
 * @param relatedSimilarity   cosine at or above which lexical overlap decides between NONE/UPDATE and ADD
 * @param lexicalContainment  share of one text's content tokens found in the other for NONE/UPDATE
 */
public record ReconcileThresholds(double duplicateSimilarity, double relatedSimilarity, double lexicalContainment) {
}
