package dev.engram.gateway.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.error.ValidationException;
import dev.engram.gateway.rest.dto.AddBody;
import dev.engram.gateway.rest.dto.DeletedCountView;
import dev.engram.gateway.rest.dto.DeletedMemoryView;
import dev.engram.gateway.rest.dto.HistoryView;
import dev.engram.gateway.rest.dto.MemoryListing;
import dev.engram.gateway.rest.dto.MemoryResult;
import dev.engram.gateway.rest.dto.MemoryResults;
import dev.engram.gateway.rest.dto.MemoryView;
import dev.engram.gateway.rest.dto.V1AddView;
import dev.engram.gateway.rest.dto.V1SearchView;
import dev.engram.gateway.rest.dto.SearchBody;
import dev.engram.gateway.rest.dto.UpdateBody;
import dev.engram.core.tenant.KeyScope;
import dev.engram.gateway.security.RequiresScope;
import dev.engram.gateway.service.AddCommand;
import dev.engram.gateway.service.IngestService;
import dev.engram.gateway.service.MemoryService;
import dev.engram.gateway.service.ScopeFilters;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The v1 memory routes: single-memory get/update/delete/history and delete-all (used by every SDK), plus the legacy
 * add, list and search of Python 0.1/1.0 and TS 2.x.
 */
@Path("/v1/memories")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiDefinition.MEMORIES)
public class MemoriesV1Resource {

    private final IngestService ingest;
    private final MemoryService memories;
    private final AddResponses adds;
    private final WireMapper wire;

    MemoriesV1Resource(IngestService ingest, MemoryService memories, AddResponses adds, WireMapper wire) {
        this.ingest = ingest;
        this.memories = memories;
        this.adds = adds;
        this.wire = wire;
    }

    @GET
    @Path("/{memory_id}")
    @RequiresScope(KeyScope.READ)
    @Operation(summary = "Get one memory")
    public MemoryView get(@PathParam("memory_id") String id) {
        return wire.memory(memories.get(id));
    }

    @PUT
    @Path("/{memory_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(KeyScope.WRITE)
    @Operation(summary = "Update a memory's text, metadata, timestamp or expiration")
    public MemoryView update(@PathParam("memory_id") String id, UpdateBody body) {
        return wire.memory(memories.update(id, UpdateBody.edit(body)));
    }

    @DELETE
    @Path("/{memory_id}")
    @RequiresScope(KeyScope.WRITE)
    @Operation(summary = "Delete one memory (delete_linked=true also deletes the memories derived from it)")
    public DeletedMemoryView delete(@PathParam("memory_id") String id, @QueryParam("delete_linked") boolean linked) {
        return DeletedMemoryView.of(linked, memories.delete(id, linked));
    }

    @GET
    @Path("/{memory_id}/history")
    @RequiresScope(KeyScope.READ)
    @Operation(summary = "The history of one memory, oldest first")
    public List<HistoryView> history(@PathParam("memory_id") String id) {
        var h = memories.history(id);
        return h.entries().stream().map(e -> wire.history(h.memory(), e)).toList();
    }

    /** Deletes every memory of the given entities; {@code *} means every value of that kind. At least one is required. */
    @DELETE
    @RequiresScope(KeyScope.WRITE)
    @Operation(summary = "Delete every memory of the given users, agents, apps or runs")
    public DeletedCountView deleteAll(@QueryParam("user_id") String userId, @QueryParam("agent_id") String agentId,
                                         @QueryParam("app_id") String appId, @QueryParam("run_id") String runId,
                                         @QueryParam("metadata") String metadata) {
        var filter = ScopeFilters.create().ids(ids(userId, agentId, appId, runId)).metadata(parseMetadata(metadata)).build();
        int deleted = memories.deleteAll(filter);
        return new DeletedCountView("Memories deleted successfully!", deleted);
    }

    /** Legacy add ({@code async_mode} defaults to true; {@code output_format} v1.0 or v1.1). */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(KeyScope.WRITE)
    @Operation(summary = "Add memories from messages (legacy v1; output_format v1.0 or v1.1)")
    public V1AddView add(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AddBody.class))) JsonNode body) {
        AddCommand command = ingest.read(body, true);
        return adds.v1(ingest.add(command), command.outputFormat());
    }

    /** Legacy list: a bare array, or the page envelope when both page and page_size are given. */
    @GET
    @RequiresScope(KeyScope.READ)
    @Operation(summary = "List memories by entity ids (legacy v1)")
    public MemoryListing list(@QueryParam("user_id") String userId, @QueryParam("agent_id") String agentId, @QueryParam("app_id") String appId,
                       @QueryParam("run_id") String runId, @QueryParam("metadata") String metadata,
                       @QueryParam("categories") List<String> categories, @QueryParam("keywords") String keywords,
                       @QueryParam("start_date") String startDate, @QueryParam("end_date") String endDate,
                       @QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize, @QueryParam("limit") Integer limit,
                       @QueryParam("include_very_negative") Boolean includeVeryNegative, @Context UriInfo uri) {
        var filter = ScopeFilters.create().ids(ids(userId, agentId, appId, runId)).metadata(parseMetadata(metadata))
                .categories(categories).keywords(keywords).createdBetween(startDate, endDate).build();
        if (page != null && pageSize != null) return wire.memoryPage(memories.list(filter, page, pageSize, false, Boolean.TRUE.equals(includeVeryNegative)), null, uri);
        int size = limit != null ? limit : 100;
        return new MemoryResults(List.copyOf(memories.list(filter, 1, size, false, Boolean.TRUE.equals(includeVeryNegative)).items().stream().map(wire::memory).toList()));
    }

    /** Legacy search: ids at top level (and/or in filters); v1.0 answers a bare array, v1.1 {@code {results, relations}}. */
    @POST
    @Path("/search")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(KeyScope.READ)
    @Operation(summary = "Search memories (legacy v1; output_format v1.0 or v1.1)")
    public V1SearchView search(SearchBody body) {
        if (body == null) throw new ValidationException("The request body must be a JSON object with a query");
        var filter = ScopeFilters.create().filters(body.filters()).ids(ids(body.userId(), body.agentId(), body.appId(), body.runId()))
                .categories(body.categories()).metadata(body.metadata()).build();
        Integer k = body.topK() != null ? body.topK() : body.limit();
        var hits = memories.search(body.query(), filter, k, body.threshold(), false, body.referenceTime(), Boolean.TRUE.equals(body.includeVeryNegative()),
                Boolean.TRUE.equals(body.rerank())).hits().stream()
                .map(wire::memory).toList();
        List<MemoryResult> results = wire.project(hits, body.fields());
        if (!"v1.1".equals(body.outputFormat())) return new MemoryResults(results);
        return new V1SearchView.WithRelations(results, List.of());
    }

    static Map<String, String> ids(String userId, String agentId, String appId, String runId) {
        Map<String, String> ids = new HashMap<>();
        if (userId != null) ids.put("user_id", userId);
        if (agentId != null) ids.put("agent_id", agentId);
        if (appId != null) ids.put("app_id", appId);
        if (runId != null) ids.put("run_id", runId);
        return ids;
    }

    private static JsonNode parseMetadata(String metadata) {
        if (metadata == null || metadata.isBlank()) return null;
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(metadata);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ValidationException("metadata must be a JSON object");
        }
    }
}
