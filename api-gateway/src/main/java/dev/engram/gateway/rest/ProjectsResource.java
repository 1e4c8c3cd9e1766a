package dev.engram.gateway.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.core.tenant.KeyScope;
import dev.engram.gateway.rest.dto.MessageView;
import dev.engram.gateway.rest.dto.ProjectSettingsResult;
import dev.engram.gateway.rest.dto.ProjectUpdateBody;
import dev.engram.gateway.rest.dto.ProjectSettingsView;
import dev.engram.gateway.rest.dto.ProjectedSettings;
import dev.engram.gateway.security.RequiresScope;
import dev.engram.gateway.service.ProjectSettingsService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * Mem0's project routes, for the caller's own project ({@code org_id} and {@code project_id} as {@code /v1/ping/}
 * answers them):
 * <ul>
 *   <li>{@code GET /api/v1/orgs/organizations/{org_id}/projects/{project_id}/?fields=} → the project's settings (all,
 *       or the named fields)</li>
 *   <li>{@code PATCH} the same path with {@code custom_instructions}, {@code custom_categories} (and Engram's
 *       {@code default_expiration_days}, {@code extraction_mode}, {@code llm_profile}) → {@code {"message":"Project updated successfully"}}</li>
 * </ul>
 */
@Path("/api/v1/orgs/organizations/{org_id}/projects/{project_id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiDefinition.PROJECTS)
public class ProjectsResource {

    private final ProjectSettingsService projects;
    private final ObjectMapper mapper;

    ProjectsResource(ProjectSettingsService projects, ObjectMapper mapper) {
        this.projects = projects;
        this.mapper = mapper;
    }

    @GET
    @RequiresScope(KeyScope.READ)
    @Operation(summary = "The caller's project settings (all, or the named fields)")
    public ProjectSettingsResult get(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId,
                                     @QueryParam("fields") List<String> fields) {
        ProjectSettingsView all = ProjectSettingsView.of(projects.get(orgId, projectId));
        List<String> wanted = ProjectSettingsService.fields(fields);
        if (wanted.isEmpty()) return all;
        ObjectNode tree = mapper.valueToTree(all);
        ObjectNode some = mapper.createObjectNode();
        for (String f : wanted) if (tree.has(f)) some.set(f, tree.get(f));
        return new ProjectedSettings(some);
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(KeyScope.WRITE)
    @Operation(summary = "Update the caller's project settings")
    public MessageView update(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId,
                              @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProjectUpdateBody.class))) JsonNode body) {
        projects.update(orgId, projectId, body);
        return new MessageView("Project updated successfully");
    }
}
