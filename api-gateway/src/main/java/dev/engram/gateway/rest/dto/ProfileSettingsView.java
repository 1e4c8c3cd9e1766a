package dev.engram.gateway.rest.dto;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * A project's profile settings ({@code GET/POST /v2/profiles/settings/}): {@code enabled} project-wide, the schema and
 * custom instructions per entity type under {@code entities} (only {@code user}), and what this server offers.
 */
public record ProfileSettingsView(boolean enabled, Map<String, EntitySettings> entities, Capabilities capabilities) {

    /** One entity type's settings; {@code schema} is the project's JSON Schema, verbatim. */
    public record EntitySettings(JsonNode schema, String customInstructions) {
    }

    /**
     * @param llmSummary             whether this project's profiles get an LLM-written summary (an LLM is configured and the
     *                               project is not offline-only)
     * @param regenerateAfterChanges memory changes after which a user's profile is regenerated
     * @param minMemories            the fewest current facts a profile needs
     */
    public record Capabilities(List<String> entityTypes, boolean llmSummary, int regenerateAfterChanges, int minMemories) {
    }
}
