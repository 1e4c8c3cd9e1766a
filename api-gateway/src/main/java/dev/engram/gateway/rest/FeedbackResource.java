package dev.engram.gateway.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.engram.core.error.ValidationException;
import dev.engram.gateway.rest.dto.FeedbackBody;
import dev.engram.gateway.rest.dto.FeedbackView;
import dev.engram.core.tenant.KeyScope;
import dev.engram.gateway.security.RequiresScope;
import dev.engram.gateway.service.FeedbackService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /v1/feedback/}: records (or, with {@code feedback: null}, clears) the feedback on one of the caller's
 * memories. A VERY_NEGATIVE memory is left out of searches and listings unless asked for; see {@link FeedbackService}.
 */
@Path("/v1/feedback")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiDefinition.MEMORIES)
public class FeedbackResource {

    private final FeedbackService feedback;

    FeedbackResource(FeedbackService feedback) {
        this.feedback = feedback;
    }

    @POST
    @RequiresScope(KeyScope.WRITE)
    @Operation(summary = "Record feedback on a memory")
    public FeedbackView feedback(FeedbackBody body) {
        if (body == null) throw new ValidationException("memory_id is required");
        FeedbackService.Recorded r = feedback.record(body.memoryId(), body.feedback(), body.feedbackReason());
        return new FeedbackView(r.memoryId().toString(), r.value() == null ? null : r.value().name(), r.reason(),
                r.value() == null ? "Feedback cleared" : "Feedback recorded");
    }
}
