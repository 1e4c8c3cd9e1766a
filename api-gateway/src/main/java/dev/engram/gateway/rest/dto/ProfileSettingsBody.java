package dev.engram.gateway.rest.dto;

import java.util.Map;

/**
 * The body of {@code POST /v2/profiles/settings/} (documentation only: the route reads raw JSON for its precise 400s).
 * Only the fields sent are written; {@code schema} and {@code custom_instructions} go under {@code entities.user}.
 */
public record ProfileSettingsBody(Boolean enabled, Map<String, ProfileSettingsView.EntitySettings> entities) {
}
