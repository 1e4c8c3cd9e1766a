package dev.engram.gateway.rest.dto;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A search request (v1, v2, v3). v3 takes the scope in {@code filters} only and rejects top-level entity ids; v1 takes
 * them at top level. Unknown fields sent by older SDKs ({@code org_id}, {@code version}, …) are ignored.
 */
public record SearchBody(
        String query,
        JsonNode filters,
        Integer topK,
        Integer limit,
        Double threshold,
        Boolean rerank,
        Boolean keywordSearch,
        Boolean latestOnly,
        List<String> fields,
        List<String> categories,
        JsonNode metadata,
        Boolean showExpired,
        String userId,
        String agentId,
        String appId,
        String runId,
        String outputFormat) {
}
