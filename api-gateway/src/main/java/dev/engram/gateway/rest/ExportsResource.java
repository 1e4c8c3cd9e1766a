package dev.engram.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.tenant.KeyScope;
import dev.engram.gateway.rest.dto.ExportBody;
import dev.engram.gateway.rest.dto.ExportCreatedView;
import dev.engram.gateway.rest.dto.ExportGetBody;
import dev.engram.gateway.rest.dto.ExportJobView;
import dev.engram.gateway.security.RequiresScope;
import dev.engram.gateway.service.ExportService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.List;

/**
 * Mem0's memory export routes, for the caller's project, plus Engram's progress and download routes:
 * <ul>
 *   <li>{@code POST /v1/exports/} {@code {schema, filters?, export_instructions?, user_id?…}} → 201
 *       {@code {"message", "id"}}; the export is written in the background</li>
 *   <li>{@code POST /v1/exports/get/} {@code {memory_export_id?, filters?}} → the finished export shaped by its schema;
 *       202 and the job while it is not finished; 404 {@value ExportService#NOT_FOUND}</li>
 *   <li>{@code GET /v1/exports/?limit=} → the project's newest export jobs (Engram's)</li>
 *   <li>{@code GET /v1/exports/{id}/} → the job and its progress (Engram's)</li>
 *   <li>{@code GET /v1/exports/{id}/download/} → the full export, unshaped, as an attachment: what the admin import takes
 *       (Engram's)</li>
 * </ul>
 */
@Path("/v1/exports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiDefinition.MEMORIES)
public class ExportsResource {

    private final ExportService exports;

    ExportsResource(ExportService exports) {
        this.exports = exports;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(KeyScope.READ)
    @ResponseStatus(201)
    @Operation(summary = "Request a memory export (written in the background)")
    @APIResponse(responseCode = "201", description = "The export is queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExportCreatedView.class)))
    public ExportCreatedView create(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ExportBody.class))) JsonNode body) {
        return new ExportCreatedView("Memory export request received. The export will be ready in a few seconds.",
                exports.create(body).id().toString());
    }

    @POST
    @Path("/get")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(KeyScope.READ)
    @Operation(summary = "Read a memory export, shaped by its schema")
    @APIResponse(responseCode = "200", description = "The export, shaped by the schema it was requested with",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                    description = "The export shaped by its schema: an array property holds the memories, each with the fields its items name")))
    @APIResponse(responseCode = "202", description = "The export is not finished yet: the job and its progress",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExportJobView.class)))
    public Response get(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ExportGetBody.class))) JsonNode body) {
        ExportService.Fetched fetched = exports.fetch(body);
        if (fetched.pending() != null) return Response.accepted(ExportJobView.of(fetched.pending())).build();
        return Response.ok(fetched.export()).build();
    }

    @GET
    @RequiresScope(KeyScope.READ)
    @Operation(summary = "The project's newest memory export jobs")
    public List<ExportJobView> list(@QueryParam("limit") Integer limit) {
        return exports.list(limit == null ? 20 : limit).stream().map(ExportJobView::of).toList();
    }

    @GET
    @Path("/{export_id}")
    @RequiresScope(KeyScope.READ)
    @Operation(summary = "A memory export job and its progress")
    public ExportJobView status(@PathParam("export_id") String exportId) {
        return ExportJobView.of(exports.status(exportId));
    }

    @GET
    @Path("/{export_id}/download")
    @RequiresScope(KeyScope.READ)
    @Operation(summary = "The full export (Engram's format, unshaped), as an attachment")
    @APIResponse(responseCode = "200", description = "The full export",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                    description = "Engram's export format 1: engram_export, export_id, org_id, project_id, created_at, exported_at, "
                            + "filters, count and memories, each with its sources and history (docs/operations.md)")))
    public Response download(@PathParam("export_id") String exportId) {
        String export = exports.download(exportId);
        return Response.ok(export, MediaType.APPLICATION_JSON_TYPE)
                .header("Content-Disposition", "attachment; filename=\"engram-export-" + exportId + ".json\"").build();
    }
}
