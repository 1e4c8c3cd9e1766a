package dev.engram.gateway.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.engram.gateway.rest.dto.DeletedCountView;
import dev.engram.gateway.rest.dto.EntitiesPageView;
import dev.engram.gateway.rest.dto.EntityView;
import dev.engram.core.tenant.KeyScope;
import dev.engram.gateway.security.RequiresScope;
import dev.engram.gateway.service.EntityService;
import dev.engram.gateway.service.EntityService.Entity;
import dev.engram.gateway.service.WireValues;
import dev.engram.core.error.ValidationException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Map;

/** Entities (users, agents, apps, runs) derived from the tenant's memories; the deprecated v1 deletion. */
@Path("/v1/entities")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiDefinition.ENTITIES)
public class EntitiesResource {

    private static final int DEFAULT_PAGE_SIZE = 100;

    private final EntityService entities;

    EntitiesResource(EntityService entities) {
        this.entities = entities;
    }

    @GET
    @RequiresScope(KeyScope.READ)
    @Operation(summary = "List the users, agents, apps and runs that have memories")
    public EntitiesPageView list(@QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize, @Context UriInfo uri) {
        int p = page == null ? 1 : page;
        int size = pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
        if (p < 1) throw new ValidationException("page must be 1 or more");
        if (size < 1 || size > 1000) throw new ValidationException("page_size must be between 1 and 1000");
        List<Entity> all = entities.entities();
        long from = Math.min((long) (p - 1) * size, all.size());
        List<EntityView> results = all.subList((int) from, (int) Math.min(from + size, all.size())).stream().map(EntitiesResource::view).toList();
        String next = from + size < all.size() ? WireMapper.pageUrl(uri, p + 1, size) : null;
        String previous = p > 1 ? WireMapper.pageUrl(uri, p - 1, size) : null;
        return new EntitiesPageView(all.size(), next, previous, results, count(all, "user"), count(all, "agent"), count(all, "app"), count(all, "run"));
    }

    /** The deprecated v1 form (TS {@code deleteUser}); our entity ids are their names. */
    @DELETE
    @Path("/{type}/{id}")
    @RequiresScope(KeyScope.WRITE)
    @Operation(summary = "Delete an entity's memories (deprecated v1 form)")
    public DeletedCountView deleteV1(@PathParam("type") String type, @PathParam("id") String id) {
        return EntitiesV2Resource.deleted(entities.delete(type, id));
    }

    private static EntityView view(Entity e) {
        return new EntityView(e.name(), e.name(), e.type(), WireValues.format(e.firstCreated()), WireValues.format(e.lastUpdated()),
                e.memories(), null, Map.of());
    }

    private static long count(List<Entity> all, String type) {
        return all.stream().filter(e -> e.type().equals(type)).count();
    }
}
