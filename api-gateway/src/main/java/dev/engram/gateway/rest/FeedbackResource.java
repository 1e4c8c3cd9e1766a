package dev.engram.gateway.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.engram.core.error.ValidationException;
import dev.engram.gateway.rest.dto.FeedbackBody;
import dev.engram.gateway.rest.dto.FeedbackView;
import dev.engram.core.tenant.KeyScope;
import dev.engram.gateway.security.RequiresScope;
import dev.engram.gateway.service.MemoryService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /v1/feedback/}: validated against the memory and echoed as Mem0 does; not used for ranking yet. */
@Path("/v1/feedback")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiDefinition.MEMORIES)
public class FeedbackResource {

    private final MemoryService memories;

    FeedbackResource(MemoryService memories) {
        this.memories = memories;
    }

    @POST
    @RequiresScope(KeyScope.WRITE)
    @Operation(summary = "Record feedback on a memory")
    public FeedbackView feedback(FeedbackBody body) {
        if (body == null || body.memoryId() == null) throw new ValidationException("memory_id is required");
        return new FeedbackView(body.memoryId(), memories.feedback(body.memoryId(), body.feedback()), body.feedbackReason());
    }
}
