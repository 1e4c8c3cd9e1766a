package dev.engram.gateway.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code PUT /api/v1/admin/projects/{org_id}/{project_id}/defaults}, for the OpenAPI document only: the
 * route reads the raw JSON ({@link dev.engram.gateway.service.ProjectDefaultsReader}) so that each bad field gets its own 400.
 */
@Schema(description = "A project's defaults for its adds; the body replaces them all (an absent field is unset)")
public record ProjectDefaultsBody(
        @Schema(description = "Extraction guidance for every add (at most 8000 characters)") String customInstructions,
        @Schema(description = "Categories, as [{\"name\": \"description\"}] or a list of names") List<Map<String, String>> categories,
        @Schema(description = "Days after which an add's memories expire, 1 to 3650, or null for never") Integer defaultExpirationDays,
        @Schema(description = "How adds extract facts (default llm)", enumeration = {"llm", "offline"}) String extractionMode,
        @Schema(description = "The configured LLM profile the adds use, or null for the default") String llmProfile) {
}
