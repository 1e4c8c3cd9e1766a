package dev.engram.core.domain;

import dev.engram.core.filter.Filter;

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
        boolean showExpired) {

    public static final int DEFAULT_TOP_K = 10;
    public static final int MAX_TOP_K = 1000;

    public static SearchRequest of(Tenant tenant, String query, Filter filter) {
        return new SearchRequest(tenant, query, filter, DEFAULT_TOP_K, null, null, true, false, false);
    }

    public SearchRequest withTopK(int k) {
        return new SearchRequest(tenant, query, filter, k, threshold, maxTokens, hybrid, includeSuperseded, showExpired);
    }

    public SearchRequest withThreshold(Double t) {
        return new SearchRequest(tenant, query, filter, topK, t, maxTokens, hybrid, includeSuperseded, showExpired);
    }

    public SearchRequest withMaxTokens(Integer budget) {
        return new SearchRequest(tenant, query, filter, topK, threshold, budget, hybrid, includeSuperseded, showExpired);
    }

    public SearchRequest withHybrid(boolean on) {
        return new SearchRequest(tenant, query, filter, topK, threshold, maxTokens, on, includeSuperseded, showExpired);
    }

    public SearchRequest withIncludeSuperseded(boolean on) {
        return new SearchRequest(tenant, query, filter, topK, threshold, maxTokens, hybrid, on, showExpired);
    }

    public SearchRequest withShowExpired(boolean on) {
        return new SearchRequest(tenant, query, filter, topK, threshold, maxTokens, hybrid, includeSuperseded, on);
    }
}
