package dev.engram.gateway.rest.dto;

import java.util.List;

/** {@code POST /v3/memories/search/}: {@code {results}}, best first. */
public record SearchResultsView(List<MemoryResult> results) {
}
