package dev.engram.gateway.rest.dto;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A listing request ({@code POST /v3/memories/}, {@code POST /v2/memories/}). Query page parameters take precedence.
 * {@code include_very_negative} (Engram) {@code true} also lists memories whose feedback is VERY_NEGATIVE.
 */
public record ListBody(
        JsonNode filters,
        Boolean showExpired,
        Boolean latestOnly,
        List<String> categories,
        List<String> fields,
        String startDate,
        String endDate,
        String keywords,
        Integer page,
        Integer pageSize,
        String userId,
        String agentId,
        String appId,
        String runId,
        Boolean includeVeryNegative) {
}
