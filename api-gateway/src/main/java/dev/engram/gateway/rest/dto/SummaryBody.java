package dev.engram.gateway.rest.dto;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of Mem0's summary, for the OpenAPI document only: the route reads the raw JSON for its precise 400s. */
@Schema(description = "Which memories to summarise")
public record SummaryBody(
        @Schema(description = "Mem0's filter grammar, flat ({\"user_id\": \"alice\"}) or with AND/OR", required = true) JsonNode filters) {
}
