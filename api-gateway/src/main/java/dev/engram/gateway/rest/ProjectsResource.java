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
import dev.engram.core.error.NotFoundException;
import dev.engram.core.error.ValidationException;
import dev.engram.gateway.rest.dto.ProjectCreateBody;
import dev.engram.gateway.rest.dto.ProjectCreatedView;
import dev.engram.gateway.service.AdminService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;
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
 * and, for a platform administrator's key (ADMIN scope, as Engram's own admin API), Mem0's project create and delete:
 * <ul>
 *   <li>{@code POST /api/v1/orgs/organizations/{org_id}/projects/} with {@code {name, description?}} → 201
 *       {@code {"message":"Project created successfully","project_id"}}</li>
 *   <li>{@code DELETE /api/v1/orgs/organizations/{org_id}/projects/{project_id}/} → the project's keys revoked, its
 *       memories, history, webhooks and events erased ({@link AdminService#deleteProject})</li>
 * </ul>
 */
@Path("/api/v1/orgs/organizations/{org_id}/projects")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = OpenApiDefinition.PROJECTS)
public class ProjectsResource {

    private final ProjectSettingsService projects;
    private final ObjectMapper mapper;

    private final AdminService admin;

    ProjectsResource(ProjectSettingsService projects, AdminService admin, ObjectMapper mapper) {
        this.projects = projects;
        this.admin = admin;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(KeyScope.ADMIN)
    @ResponseStatus(201)
    @Operation(summary = "Create a project in the organisation (platform administrators)")
    @APIResponse(responseCode = "201", description = "The new project's id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProjectCreatedView.class)))
    public ProjectCreatedView create(@PathParam("org_id") String orgId,
                                     @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProjectCreateBody.class))) JsonNode body) {
        JsonNode name = body == null || !body.isObject() ? null : body.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) throw new ValidationException("name is required (a non-empty string)");
        JsonNode description = body.get("description");
        if (description != null && !description.isNull() && !description.isTextual()) throw new ValidationException("description must be a string");
        return new ProjectCreatedView("Project created successfully", admin.createProject(orgId, null, name.asText()).tenant().projectId());
    }

    @DELETE
    @Path("/{project_id}")
    @RequiresScope(KeyScope.ADMIN)
    @Operation(summary = "Delete a project: revoke its keys, erase its memories, history, webhooks and events (platform administrators)")
    public MessageView delete(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId) {
        if (admin.projects(orgId).stream().noneMatch(p -> p.tenant().projectId().equals(projectId))) {
            throw new NotFoundException("No project " + projectId + " in organisation " + orgId);
        }
        admin.deleteProject(orgId, projectId);
        return new MessageView("Project deleted successfully");
    }

    @GET
    @Path("/{project_id}")
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
    @Path("/{project_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(KeyScope.WRITE)
    @Operation(summary = "Update the caller's project settings")
    public MessageView update(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId,
                              @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProjectUpdateBody.class))) JsonNode body) {
        projects.update(orgId, projectId, body);
        return new MessageView("Project updated successfully");
    }
}
