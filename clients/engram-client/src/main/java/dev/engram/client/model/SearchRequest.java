package dev.engram.client.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A search ({@code POST /v3/memories/search/}): the query and a v2 filter that scopes it (at least one entity id), with
 * optional {@code top_k} (1–1000, server default 10), {@code threshold} (0–1, server default 0.1), {@code rerank}.
 * Fields left null are not sent.
 */
public record SearchRequest(String query, Map<String, Object> filters, Integer topK, Double threshold, Boolean rerank,
                            Boolean keywordSearch, Boolean showExpired, List<String> categories) {

    public SearchRequest {
        Objects.requireNonNull(query, "query");
        if (query.isBlank()) throw new IllegalArgumentException("the query must not be blank");
        Objects.requireNonNull(filters, "filters (a search needs a scope)");
        categories = categories == null ? null : List.copyOf(categories);
    }

    public static Builder builder(String query, Scope scope) {
        return new Builder(query, scope.toFilters());
    }

    /** A search with a v2 filter of your own, e.g. {@code {"OR": [{"user_id": "a"}, {"agent_id": "b"}]}}. */
    public static Builder builder(String query, Map<String, Object> filters) {
        return new Builder(query, filters);
    }

    public Map<String, Object> toBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("filters", filters);
        if (topK != null) body.put("top_k", topK);
        if (threshold != null) body.put("threshold", threshold);
        if (rerank != null) body.put("rerank", rerank);
        if (keywordSearch != null) body.put("keyword_search", keywordSearch);
        if (showExpired != null) body.put("show_expired", showExpired);
        if (categories != null) body.put("categories", categories);
        return body;
    }

    public static final class Builder {
        private final String query;
        private final Map<String, Object> filters;
        private Integer topK;
        private Double threshold;
        private Boolean rerank;
        private Boolean keywordSearch;
        private Boolean showExpired;
        private List<String> categories;

        private Builder(String query, Map<String, Object> filters) {
            this.query = query;
            this.filters = filters;
        }

        public Builder topK(int value) {
            this.topK = value;
            return this;
        }

        public Builder threshold(double value) {
            this.threshold = value;
            return this;
        }

        public Builder rerank(boolean value) {
            this.rerank = value;
            return this;
        }

        public Builder keywordSearch(boolean value) {
            this.keywordSearch = value;
            return this;
        }

        public Builder showExpired(boolean value) {
            this.showExpired = value;
            return this;
        }

        public Builder categories(List<String> value) {
            this.categories = value;
            return this;
        }

        public SearchRequest build() {
            return new SearchRequest(query, filters, topK, threshold, rerank, keywordSearch, showExpired, categories);
        }
    }
}
