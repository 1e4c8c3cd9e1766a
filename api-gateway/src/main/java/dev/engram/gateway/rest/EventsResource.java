package dev.engram.gateway.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.engram.gateway.rest.dto.EventView;
import dev.engram.gateway.rest.dto.PageView;
import dev.engram.core.tenant.KeyScope;
import dev.engram.gateway.security.RequiresScope;
import dev.engram.gateway.service.IngestService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

/** Status of background adds: {@code GET /v1/event/{id}/} to poll one, {@code GET /v1/events/} to page through them. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiDefinition.EVENTS)
public class EventsResource {

    private final IngestService ingest;
    private final WireMapper wire;

    EventsResource(IngestService ingest, WireMapper wire) {
        this.ingest = ingest;
        this.wire = wire;
    }

    @GET
    @Path("/event/{event_id}")
    @RequiresScope(KeyScope.READ)
    @Operation(summary = "The status and results of one background add")
    public EventView get(@PathParam("event_id") String id) {
        return wire.event(ingest.event(id));
    }

    @GET
    @Path("/events")
    @RequiresScope(KeyScope.READ)
    @Operation(summary = "The tenant's background adds, newest first")
    public PageView<EventView> list(@QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        int p = page == null ? 1 : page;
        int size = pageSize == null ? 50 : pageSize;
        return wire.page(ingest.events(p, size), wire::event, uri);
    }
}
