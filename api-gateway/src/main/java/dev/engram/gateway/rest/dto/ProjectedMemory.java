package dev.engram.gateway.rest.dto;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A memory reduced to the requested {@code fields} plus {@code id}: the named properties of {@link MemoryView}, as they are. */
@Schema(type = SchemaType.OBJECT, description = "A memory reduced to the requested fields plus id (properties as in MemoryView)")
public record ProjectedMemory(@JsonValue @Schema(hidden = true) ObjectNode fields) implements MemoryResult {
}
