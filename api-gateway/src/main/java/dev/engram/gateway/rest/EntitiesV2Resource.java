package dev.engram.gateway.rest;

import dev.engram.core.tenant.KeyScope;
import dev.engram.gateway.security.RequiresScope;
import dev.engram.gateway.service.EntityService;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/** {@code DELETE /v2/entities/{type}/{name}/}: deletes an entity's memories (what the SDKs' reset() calls per entity). */
@Path("/v2/entities")
@Produces(MediaType.APPLICATION_JSON)
public class EntitiesV2Resource {

    private final EntityService entities;

    EntitiesV2Resource(EntityService entities) {
        this.entities = entities;
    }

    @DELETE
    @Path("/{type}/{name}")
    @RequiresScope(KeyScope.WRITE)
    public Map<String, Object> delete(@PathParam("type") String type, @PathParam("name") String name) {
        return deleted(entities.delete(type, name));
    }

    static Map<String, Object> deleted(int count) {
        return Map.of("message", "Entity deleted successfully!", "deleted_count", count);
    }
}
