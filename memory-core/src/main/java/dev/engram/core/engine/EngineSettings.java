package dev.engram.core.engine;

import dev.engram.core.reconcile.ReconcileThresholds;

/**
 * Tunables of the memory engine, with defaults calibrated on the bundled bge-small-zh-v15 model and the quality set
 * ({@code ./engram quality}).
 *
 * @param candidatesPerFact      existing memories compared with each new fact during reconciliation
 * @param duplicateSimilarity    cosine at or above which a new fact is the same as an existing memory (NONE)
 * @param relatedSimilarity      cosine at or above which lexical overlap decides between NONE/UPDATE and ADD
 * @param lexicalContainment     share of one text's content tokens found in the other for NONE/UPDATE
 * @param defaultSearchThreshold minimum semantic similarity of a search hit when the request gives none (Mem0: 0.1)
 * @param maxMessagesPerAdd      messages in one add
 * @param maxMessageChars        characters in one message
 * @param maxMemoryChars         characters in one memory's text
 * @param maxQueryChars          characters in a search query
 * @param retrieval              how search finds and ranks memories
 * @param limits                 how much one search or listing may ask for
 */
public record EngineSettings(
        int candidatesPerFact,
        double duplicateSimilarity,
        double relatedSimilarity,
        double lexicalContainment,
        double defaultSearchThreshold,
        int maxMessagesPerAdd,
        int maxMessageChars,
        int maxMemoryChars,
        int maxQueryChars,
        RetrievalSettings retrieval,
        RequestLimits limits) {

    public EngineSettings {
        if (retrieval == null) retrieval = RetrievalSettings.defaults();
        if (limits == null) limits = RequestLimits.defaults();
    }

    public static EngineSettings defaults() {
        return new EngineSettings(8, 0.95, 0.80, 0.8, 0.1, 200, 32_000, 8_000, 4_000, RetrievalSettings.defaults(), RequestLimits.defaults());
    }

    public EngineSettings withRetrieval(RetrievalSettings r) {
        return new EngineSettings(candidatesPerFact, duplicateSimilarity, relatedSimilarity, lexicalContainment, defaultSearchThreshold,
                maxMessagesPerAdd, maxMessageChars, maxMemoryChars, maxQueryChars, r, limits);
    }

    public EngineSettings withLimits(RequestLimits l) {
        return new EngineSettings(candidatesPerFact, duplicateSimilarity, relatedSimilarity, lexicalContainment, defaultSearchThreshold,
                maxMessagesPerAdd, maxMessageChars, maxMemoryChars, maxQueryChars, retrieval, l);
    }

    /** The thresholds the offline reconciler decides with. */
    public ReconcileThresholds reconcileThresholds() {
        return new ReconcileThresholds(duplicateSimilarity, relatedSimilarity, lexicalContainment);
    }
}
