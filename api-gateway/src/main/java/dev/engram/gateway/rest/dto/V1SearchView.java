package dev.engram.gateway.rest.dto;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** {@code POST /v1/memories/search/}: v1.0 answers a bare array, v1.1 {@code {results, relations}}. */
@Schema(oneOf = {MemoryResults.class, V1SearchView.WithRelations.class})
public sealed interface V1SearchView permits MemoryResults, V1SearchView.WithRelations {

    /** v1.1: the memories under {@code results}, and {@code relations} (always empty: Engram has no graph memory). */
    record WithRelations(List<MemoryResult> results, List<Object> relations) implements V1SearchView {
    }
}
