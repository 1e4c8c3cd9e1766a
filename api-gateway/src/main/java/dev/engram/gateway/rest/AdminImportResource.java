package dev.engram.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.tenant.KeyScope;
import dev.engram.gateway.rest.dto.ImportView;
import dev.engram.gateway.security.RequiresScope;
import dev.engram.gateway.service.ExportService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/v1/admin/projects/{org_id}/{project_id}/import/} with a full export (as
 * {@code GET /v1/exports/{id}/download/} answers it) → the memories restored into that project verbatim: ids, text,
 * scopes, metadata, categories, times, sources and history, no extraction, in atomic batches, searchable at once; a
 * repeated import writes the same memories again without duplicating them. The body is bounded by
 * {@code quarkus.http.limits.max-body-size}.
 */
@Path("/api/v1/admin/projects/{org_id}/{project_id}/import")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiDefinition.ADMIN)
public class AdminImportResource {

    private final ExportService exports;

    AdminImportResource(ExportService exports) {
        this.exports = exports;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(KeyScope.ADMIN)
    @Operation(summary = "Restore a full memory export into a project")
    public ImportView restore(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId,
                              @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                      schema = @Schema(description = "A full Engram export (\"engram_export\": 1)"))) JsonNode export) {
        ExportService.Imported done = exports.importInto(orgId, projectId, export);
        return new ImportView("Imported " + done.memories() + " memories", orgId, projectId, done.memories(), done.historyEntries(),
                done.batches());
    }
}
