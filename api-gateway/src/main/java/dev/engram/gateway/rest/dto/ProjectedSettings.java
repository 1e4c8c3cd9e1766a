package dev.engram.gateway.rest.dto;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The project object reduced to the requested {@code fields} (properties as in {@link ProjectSettingsView}). */
@Schema(type = SchemaType.OBJECT, description = "The project reduced to the requested fields (properties as in ProjectSettingsView)")
public record ProjectedSettings(@JsonValue @Schema(hidden = true) ObjectNode fields) implements ProjectSettingsResult {
}
