package dev.engram.gateway.rest;

import dev.engram.core.error.ValidationException;
import dev.engram.gateway.rest.dto.FeedbackBody;
import dev.engram.core.tenant.KeyScope;
import dev.engram.gateway.security.RequiresScope;
import dev.engram.gateway.service.MemoryService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code POST /v1/feedback/}: validated against the memory and echoed as Mem0 does; not used for ranking yet. */
@Path("/v1/feedback")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class FeedbackResource {

    private final MemoryService memories;

    FeedbackResource(MemoryService memories) {
        this.memories = memories;
    }

    @POST
    @RequiresScope(KeyScope.WRITE)
    public Map<String, Object> feedback(FeedbackBody body) {
        if (body == null || body.memoryId() == null) throw new ValidationException("memory_id is required");
        String feedback = memories.feedback(body.memoryId(), body.feedback());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", body.memoryId());
        out.put("feedback", feedback);
        out.put("feedback_reason", body.feedbackReason());
        return out;
    }
}
