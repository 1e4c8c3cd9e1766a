package dev.engram.gateway.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.Page;
import dev.engram.core.error.ValidationException;
import dev.engram.gateway.rest.dto.AddBody;
import dev.engram.gateway.rest.dto.ListBody;
import dev.engram.gateway.rest.dto.MemoryPage;
import dev.engram.gateway.rest.dto.SearchBody;
import dev.engram.gateway.rest.dto.SearchResultsView;
import dev.engram.gateway.rest.dto.V3AddView;
import dev.engram.core.tenant.KeyScope;
import dev.engram.gateway.security.RequiresScope;
import dev.engram.gateway.service.IngestService;
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

/** The current API (Python 2.x, TS 3.x): add, search and list under {@code /v3/memories/}. */
@Path("/v3/memories")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiDefinition.MEMORIES)
public class MemoriesV3Resource {

    private final IngestService ingest;
    private final MemoryService memories;
    private final AddResponses adds;
    private final WireMapper wire;

    MemoriesV3Resource(IngestService ingest, MemoryService memories, AddResponses adds, WireMapper wire) {
        this.ingest = ingest;
        this.memories = memories;
        this.adds = adds;
        this.wire = wire;
    }

    @POST
    @Path("/add")
    @RequiresScope(KeyScope.WRITE)
    @Operation(summary = "Add memories from messages (queued; infer false stores the messages as they are, before answering)")
    public V3AddView add(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AddBody.class))) JsonNode body) {
        return adds.v3(ingest.add(ingest.read(body, false)));
    }

    @POST
    @Path("/search")
    @RequiresScope(KeyScope.READ)
    @Operation(summary = "Search memories by meaning within filters")
    public SearchResultsView search(SearchBody body) {
        if (body == null) throw new ValidationException("The request body must be a JSON object with query and filters");
        ScopeFilters.rejectTopLevelIds(body.userId(), body.agentId(), body.appId(), body.runId());
        var filter = ScopeFilters.create().filters(body.filters()).categories(body.categories()).metadata(body.metadata()).build();
        var result = memories.search(body.query(), filter, body.topK(), body.threshold(), Boolean.TRUE.equals(body.showExpired()),
                body.referenceTime(), Boolean.TRUE.equals(body.includeVeryNegative()), Boolean.TRUE.equals(body.rerank()));
        return new SearchResultsView(wire.project(result.hits().stream().map(wire::memory).toList(), body.fields()));
    }

    @POST
    @RequiresScope(KeyScope.READ)
    @Operation(summary = "List memories within filters, one page at a time")
    public MemoryPage list(ListBody body, @QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        if (body == null) throw new ValidationException("The request body must be a JSON object with filters");
        ScopeFilters.rejectTopLevelIds(body.userId(), body.agentId(), body.appId(), body.runId());
        var filter = ScopeFilters.create().filters(body.filters()).categories(body.categories())
                .createdBetween(body.startDate(), body.endDate()).keywords(body.keywords()).build();
        int p = page != null ? page : body.page() != null ? body.page() : 1;
        int size = pageSize != null ? pageSize : body.pageSize() != null ? body.pageSize() : 100;
        Page<MemoryRecord> result = memories.list(filter, p, size, Boolean.TRUE.equals(body.showExpired()), Boolean.TRUE.equals(body.includeVeryNegative()));
        return wire.memoryPage(result, body.fields(), uri);
    }
}
