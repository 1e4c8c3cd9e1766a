package dev.engram.gateway.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.engram.core.error.ValidationException;
import dev.engram.gateway.rest.dto.ListBody;
import dev.engram.gateway.rest.dto.MemoryListing;
import dev.engram.gateway.rest.dto.MemoryResult;
import dev.engram.gateway.rest.dto.MemoryResults;
import dev.engram.gateway.rest.dto.SearchBody;
import dev.engram.core.tenant.KeyScope;
import dev.engram.gateway.security.RequiresScope;
import dev.engram.gateway.service.MemoryService;
import dev.engram.gateway.service.ScopeFilters;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

/** The v2 routes of Python 0.1/1.0 and TS 2.x: list and search with {@code filters}, answering bare arrays. */
@Path("/v2/memories")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiDefinition.MEMORIES)
public class MemoriesV2Resource {

    private final MemoryService memories;
    private final WireMapper wire;

    MemoriesV2Resource(MemoryService memories, WireMapper wire) {
        this.memories = memories;
        this.wire = wire;
    }

    /** A bare array, or the page envelope when both page and page_size are given (query or body). */
    @POST
    @RequiresScope(KeyScope.READ)
    @Operation(summary = "List memories within filters (legacy v2)")
    public MemoryListing list(ListBody body, @QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        if (body == null) throw new ValidationException("The request body must be a JSON object with filters");
        var filter = ScopeFilters.create().filters(body.filters())
                .ids(MemoriesV1Resource.ids(body.userId(), body.agentId(), body.appId(), body.runId())).categories(body.categories()).build();
        Integer p = page != null ? page : body.page();
        Integer size = pageSize != null ? pageSize : body.pageSize();
        if (p != null && size != null) return wire.memoryPage(memories.list(filter, p, size, false, Boolean.TRUE.equals(body.includeVeryNegative())), null, uri);
        return new MemoryResults(wire.project(memories.list(filter, 1, 100, false, Boolean.TRUE.equals(body.includeVeryNegative())).items().stream().map(wire::memory).toList(), body.fields()));
    }

    @POST
    @Path("/search")
    @RequiresScope(KeyScope.READ)
    @Operation(summary = "Search memories within filters (legacy v2)")
    public List<MemoryResult> search(SearchBody body) {
        if (body == null) throw new ValidationException("The request body must be a JSON object with query and filters");
        var filter = ScopeFilters.create().filters(body.filters())
                .ids(MemoriesV1Resource.ids(body.userId(), body.agentId(), body.appId(), body.runId()))
                .categories(body.categories()).metadata(body.metadata()).build();
        Integer k = body.topK() != null ? body.topK() : body.limit();
        var hits = memories.search(body.query(), filter, k, body.threshold(), false, body.referenceTime(), Boolean.TRUE.equals(body.includeVeryNegative()),
                Boolean.TRUE.equals(body.rerank())).hits();
        return wire.project(hits.stream().map(wire::memory).toList(), body.fields());
    }
}
