package dev.engram.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.tenant.KeyScope;
import dev.engram.gateway.rest.dto.MemorySummaryView;
import dev.engram.gateway.rest.dto.SummaryBody;
import dev.engram.gateway.security.RequiresScope;
import dev.engram.gateway.service.SummaryService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** {@code POST /v1/summary/} with {@code {"filters": …}} → {@code [summary]} (Python's {@code get_summary}). */
@Path("/v1/summary")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiDefinition.MEMORIES)
public class SummaryResource {

    private final SummaryService summaries;

    SummaryResource(SummaryService summaries) {
        this.summaries = summaries;
    }

    @POST
    @RequiresScope(KeyScope.READ)
    @Operation(summary = "Summarise the memories the filters match, offline, grouped by category")
    public List<MemorySummaryView> summarize(
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SummaryBody.class))) JsonNode body) {
        return List.of(MemorySummaryView.of(summaries.summarize(body)));
    }
}
