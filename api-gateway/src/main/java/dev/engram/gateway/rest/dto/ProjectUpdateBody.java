package dev.engram.gateway.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * The body of Mem0's project {@code PATCH}, for the OpenAPI document only: the route reads the raw JSON
 * ({@link dev.engram.gateway.service.ProjectSettingsService#update}) so that each bad or unsupported field gets its own 400.
 */
@Schema(description = "A change to the project's settings: only the fields given change; Mem0 settings Engram does not "
        + "support (enable_graph, multilingual, ...) are refused with a 400")
public record ProjectUpdateBody(
        @Schema(description = "Extraction guidance for every add of the project (at most 8000 characters)") String customInstructions,
        @Schema(description = "The project's categories, as [{\"name\": \"description\"}]") List<Map<String, String>> customCategories,
        @Schema(description = "Engram: days after which an add's memories expire, 1 to 3650, or null for never")
        Integer defaultExpirationDays,
        @Schema(description = "Engram: how adds extract facts", enumeration = {"llm", "offline"}) String extractionMode,
        @Schema(description = "Engram: the configured LLM profile the project's adds use, or null for the default") String llmProfile) {
}
