package dev.engram.gateway.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.engram.core.tenant.KeyScope;
import dev.engram.gateway.rest.dto.DeletedCountView;
import dev.engram.gateway.security.RequiresScope;
import dev.engram.gateway.service.EntityService;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code DELETE /v2/entities/{type}/{name}/}: deletes an entity's memories (what the SDKs' reset() calls per entity). */
@Path("/v2/entities")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiDefinition.ENTITIES)
public class EntitiesV2Resource {

    private final EntityService entities;

    EntitiesV2Resource(EntityService entities) {
        this.entities = entities;
    }

    @DELETE
    @Path("/{type}/{name}")
    @RequiresScope(KeyScope.WRITE)
    @Operation(summary = "Delete every memory of one user, agent, app or run")
    public DeletedCountView delete(@PathParam("type") String type, @PathParam("name") String name) {
        return deleted(entities.delete(type, name));
    }

    static DeletedCountView deleted(int count) {
        return new DeletedCountView("Entity deleted successfully!", count);
    }
}
