package dev.engram.gateway.rest.dto;

import com.fasterxml.jackson.annotation.JsonValue;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Memories as a bare JSON array (the v1 and v2 listings and searches of the older SDKs). */
@Schema(type = SchemaType.ARRAY, implementation = MemoryResult.class)
public record MemoryResults(@JsonValue List<MemoryResult> items) implements MemoryListing, V1SearchView {
}
