package dev.engram.gateway.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.engram.gateway.rest.dto.BatchBody;
import dev.engram.gateway.rest.dto.MessageView;
import dev.engram.core.tenant.KeyScope;
import dev.engram.gateway.security.RequiresScope;
import dev.engram.gateway.service.MemoryService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Batch update and delete (at most {@code engram.limits.batch-items} memories; the DELETE carries a JSON body). */
@Path("/v1/batch")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiDefinition.MEMORIES)
public class BatchResource {

    private final MemoryService memories;

    BatchResource(MemoryService memories) {
        this.memories = memories;
    }

    @PUT
    @RequiresScope(KeyScope.WRITE)
    @Operation(summary = "Update many memories at once")
    public MessageView update(BatchBody body) {
        return new MessageView("Successfully updated " + memories.batchUpdate(BatchBody.items(body)) + " memories");
    }

    @DELETE
    @RequiresScope(KeyScope.WRITE)
    @Operation(summary = "Delete many memories at once (the ids in a JSON body)")
    public MessageView delete(BatchBody body) {
        return new MessageView("Successfully deleted " + memories.batchDelete(BatchBody.items(body)) + " memories");
    }
}
