package dev.engram.gateway.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/**
 * The body of {@code POST /v1/exports/}, for the OpenAPI document only: the route reads the raw JSON
 * ({@link dev.engram.gateway.service.ExportService#create}) so that each bad field gets its own 400.
 */
@Schema(description = "A memory export request")
public record ExportBody(
        @Schema(required = true, description = "A JSON schema shaping the answer: an array property receives the memories, each "
                + "projected onto its items' properties (docs/api-compatibility.md)") Map<String, Object> schema,
        @Schema(description = "Which memories (Mem0's filter grammar, flat or {\"AND\": [...]}); must name an entity") Map<String, Object> filters,
        @Schema(description = "Stored with the job; not applied (no LLM shapes exports yet)") String exportInstructions,
        @Schema(description = "Python's flat filter, ANDed with filters") String userId,
        @Schema(description = "Python's flat filter, ANDed with filters") String agentId,
        @Schema(description = "Python's flat filter, ANDed with filters") String appId,
        @Schema(description = "Python's flat filter, ANDed with filters") String runId) {
}
