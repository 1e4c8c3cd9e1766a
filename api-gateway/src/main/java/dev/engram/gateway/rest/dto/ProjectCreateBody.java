package dev.engram.gateway.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of Mem0's project create, for the OpenAPI document only: the route reads the raw JSON so that a missing or
 * mistyped name gets its own 400.
 */
@Schema(description = "A new project of the organisation")
public record ProjectCreateBody(
        @Schema(description = "The project's name (at most 256 characters)", required = true) String name,
        @Schema(description = "Accepted for Mem0 compatibility and not stored: Engram's projects carry a name only") String description) {
}
