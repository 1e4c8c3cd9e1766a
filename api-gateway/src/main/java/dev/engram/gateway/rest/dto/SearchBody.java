package dev.engram.gateway.rest.dto;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.domain.ReferenceDate;
import dev.engram.core.error.ValidationException;

import java.time.Instant;
import java.util.List;

/**
 * A search request (v1, v2, v3). v3 takes the scope in {@code filters} only and rejects top-level entity ids; v1 takes
 * them at top level. Unknown fields sent by older SDKs ({@code org_id}, {@code version}, …) are ignored.
 * {@code reference_date} (Mem0) is epoch seconds (a number or a string of digits), a {@code YYYY-MM-DD} date or an
 * ISO-8601 date-time: the search's "now" (see {@link dev.engram.core.domain.SearchRequest#referenceTime()}).
 * {@code include_very_negative} (Engram) {@code true} also returns memories whose feedback is VERY_NEGATIVE.
 * {@code rerank} (Mem0) {@code true} runs the engine's second stage over the first stage's best results
 * ({@link dev.engram.core.domain.SearchRequest#rerank()}); the response's shape does not change.
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
        String outputFormat,
        JsonNode referenceDate,
        Boolean includeVeryNegative) {

    /** {@code reference_date} as an instant, or null when absent. @throws ValidationException when malformed */
    public Instant referenceTime() {
        if (referenceDate == null || referenceDate.isNull() || referenceDate.isMissingNode()) return null;
        if (referenceDate.isNumber()) return ReferenceDate.epochSeconds(referenceDate.asDouble());
        if (referenceDate.isTextual()) return ReferenceDate.parse(referenceDate.asText());
        throw new ValidationException("reference_date must be epoch seconds, a YYYY-MM-DD date or an ISO-8601 date-time");
    }
}
