package dev.engram.core.domain;

import java.util.List;

/** Search results, best first, and the estimated tokens of their texts (what the caller will put in a prompt). */
public record SearchResult(List<SearchHit> hits, int contextTokens) {
    public SearchResult {
        hits = List.copyOf(hits);
    }
}
