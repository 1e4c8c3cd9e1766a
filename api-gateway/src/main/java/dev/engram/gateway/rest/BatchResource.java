package dev.engram.gateway.rest;

import dev.engram.gateway.rest.dto.BatchBody;
import dev.engram.core.tenant.KeyScope;
import dev.engram.gateway.security.RequiresScope;
import dev.engram.gateway.service.MemoryService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/** Batch update and delete (at most {@code engram.limits.batch-items} memories; the DELETE carries a JSON body). */
@Path("/v1/batch")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class BatchResource {

    private final MemoryService memories;

    BatchResource(MemoryService memories) {
        this.memories = memories;
    }

    @PUT
    @RequiresScope(KeyScope.WRITE)
    public Map<String, String> update(BatchBody body) {
        return Map.of("message", "Successfully updated " + memories.batchUpdate(body) + " memories");
    }

    @DELETE
    @RequiresScope(KeyScope.WRITE)
    public Map<String, String> delete(BatchBody body) {
        return Map.of("message", "Successfully deleted " + memories.batchDelete(body) + " memories");
    }
}
