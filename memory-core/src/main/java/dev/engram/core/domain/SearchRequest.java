package dev.engram.core.domain;


import java.time.Instant;

/**
 * A search inside one tenant.
 *
 * @param filter            client filter (entity ids etc.); the engine adds state and expiry conditions
 * @param topK              1..1000
 * @param threshold         minimum semantic similarity (0..1); null = the engine default
 * @param maxTokens         budget for the returned texts (estimated tokens); results are cut when it is spent; null = none
 * @param hybrid            true: vector + BM25 fused; false: vector only
 * @param includeSuperseded also return superseded memories (they are hidden by default: the newest wins)
 * @param showExpired       also return memories past their expiration date
 * @param referenceTime     the "now" of the question (Mem0's {@code reference_date}): time expressions such as "last week" are
 *                          resolved against it (stripped from the keyword query; memories of that time rank higher when
 *                          {@code RetrievalSettings.timeWeight} is set), and nothing created after its day is returned
 *                          (search as of that date); null = now, nothing excluded
 * @param rerank            run the second stage (Mem0's {@code rerank}): the first stage's best results are re-scored
 *                          ({@code RerankSettings}: by default, by who said them) before the cut to top k; false = the first
 *                          stage only
 */
public record SearchRequest(
        Tenant tenant,
        String query,
        Filter filter,
        int topK,
        Double threshold,
        Integer maxTokens,
        boolean hybrid,
        boolean includeSuperseded,
        boolean showExpired,
        Instant referenceTime,
        boolean rerank) {

    public static final int DEFAULT_TOP_K = 10;

    public static SearchRequest of(Tenant tenant, String query, Filter filter) {
        return new SearchRequest(tenant, query, filter, DEFAULT_TOP_K, null, null, true, false, false, null, false);
    }

    public SearchRequest withTopK(int k) {
        return new SearchRequest(tenant, query, filter, k, threshold, maxTokens, hybrid, includeSuperseded, showExpired, referenceTime, rerank);
    }

    public SearchRequest withThreshold(Double t) {
        return new SearchRequest(tenant, query, filter, topK, t, maxTokens, hybrid, includeSuperseded, showExpired, referenceTime, rerank);
    }

    public SearchRequest withMaxTokens(Integer budget) {
        return new SearchRequest(tenant, query, filter, topK, threshold, budget, hybrid, includeSuperseded, showExpired, referenceTime, rerank);
    }

    public SearchRequest withHybrid(boolean on) {
        return new SearchRequest(tenant, query, filter, topK, threshold, maxTokens, on, includeSuperseded, showExpired, referenceTime, rerank);
    }

    public SearchRequest withIncludeSuperseded(boolean on) {
        return new SearchRequest(tenant, query, filter, topK, threshold, maxTokens, hybrid, on, showExpired, referenceTime, rerank);
    }

    public SearchRequest withShowExpired(boolean on) {
        return new SearchRequest(tenant, query, filter, topK, threshold, maxTokens, hybrid, includeSuperseded, on, referenceTime, rerank);
    }

    public SearchRequest withReferenceTime(Instant when) {
        return new SearchRequest(tenant, query, filter, topK, threshold, maxTokens, hybrid, includeSuperseded, showExpired, when, rerank);
    }

    public SearchRequest withRerank(boolean on) {
        return new SearchRequest(tenant, query, filter, topK, threshold, maxTokens, hybrid, includeSuperseded, showExpired, referenceTime, on);
    }
}
