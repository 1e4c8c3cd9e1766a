package dev.engram.gateway.rest.dto;

import com.fasterxml.jackson.annotation.JsonValue;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** {@code POST /v1/memories/}: {@code output_format} v1.0 answers a bare array, v1.1 {@code {results, relations}}. */
@Schema(oneOf = {V1AddView.Items.class, V1AddView.WithRelations.class})
public sealed interface V1AddView {

    /** v1.0: the items as a bare JSON array. */
    @Schema(type = SchemaType.ARRAY, implementation = AddItem.class)
    record Items(@JsonValue List<AddItem> items) implements V1AddView {
    }

    /** v1.1: the items under {@code results}, and {@code relations} (always empty: Engram has no graph memory). */
    record WithRelations(List<AddItem> results, List<Object> relations) implements V1AddView {
    }
}
