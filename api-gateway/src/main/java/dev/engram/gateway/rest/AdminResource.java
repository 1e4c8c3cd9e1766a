package dev.engram.gateway.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.error.ValidationException;
import dev.engram.gateway.rest.dto.AdminBodies;
import dev.engram.gateway.rest.dto.AdminViews.ConsistencyView;
import dev.engram.gateway.rest.dto.AdminViews.DeletedProjectView;
import dev.engram.gateway.rest.dto.AdminViews.KeyView;
import dev.engram.gateway.rest.dto.AdminViews.LlmProfilesView;
import dev.engram.gateway.rest.dto.AdminViews.ProjectView;
import dev.engram.gateway.rest.dto.AdminViews.ReindexView;
import dev.engram.gateway.rest.dto.MessageView;
import dev.engram.gateway.rest.dto.ProjectDefaultsBody;
import dev.engram.gateway.rest.dto.ProjectDefaultsView;
import dev.engram.core.tenant.KeyScope;
import dev.engram.gateway.security.RequiresScope;
import dev.engram.gateway.service.AdminService;
import dev.engram.gateway.service.LlmProfileNames;
import dev.engram.gateway.service.ProjectDefaultsReader;
import dev.engram.gateway.service.ReindexService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.List;

/**
 * Platform administration (ADMIN scope):
 * <ul>
 *   <li>{@code POST /api/v1/admin/projects/} {@code {org_id, project_id?, name?}} → 201 project</li>
 *   <li>{@code GET /api/v1/admin/projects/?org_id=} → projects, each with its {@code defaults}</li>
 *   <li>{@code PUT /api/v1/admin/projects/{org_id}/{project_id}/defaults/} {@code {custom_instructions?, categories?,
 *       default_expiration_days?, extraction_mode?, llm_profile?}} → the project's stored defaults for its adds (the
 *       body replaces them all; an {@code llm_profile} that is not configured is a 400)</li>
 *   <li>{@code GET /api/v1/admin/llm-profiles/} → {@code {profiles: [name, …]}}, the configured LLM profiles</li>
 *   <li>{@code DELETE /api/v1/admin/projects/{org_id}/{project_id}/} → revokes every key of the project</li>
 *   <li>{@code POST /api/v1/admin/keys/} {@code {org_id, project_id, name?, scopes?, user_email?, default_user_id?}} →
 *       201 key, with the key text shown this once</li>
 *   <li>{@code PATCH /api/v1/admin/keys/{key_id}/} {@code {default_user_id}} → the key with its new default user (null or
 *       "" clears it)</li>
 *   <li>{@code GET /api/v1/admin/projects/{org_id}/{project_id}/keys/} → the project's keys (prefixes only)</li>
 *   <li>{@code DELETE /api/v1/admin/keys/{key_id}/} → revokes the key</li>
 *   <li>{@code POST /api/v1/admin/reindex/} {@code {org_id, project_id?}} or {@code {all_tenants: true}} → rebuilds the
 *       vector index from the store (one project, one organisation, or every tenant) → {@code {tenants, memories}}</li>
 *   <li>{@code POST /api/v1/admin/consistency/} {@code {org_id, project_id, repair?}} → compares the project's store and
 *       index and (unless {@code repair} is false) repairs the index from the store → counts of what differed</li>
 * </ul>
 */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope(KeyScope.ADMIN)
@Tag(name = OpenApiDefinition.ADMIN)
public class AdminResource {

    private final AdminService admin;
    private final ReindexService reindexer;
    private final LlmProfileNames profiles;

    AdminResource(AdminService admin, ReindexService reindexer, LlmProfileNames profiles) {
        this.admin = admin;
        this.reindexer = reindexer;
        this.profiles = profiles;
    }

    @POST
    @Path("/reindex")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(KeyScope.ADMIN)
    @Operation(summary = "Rebuild the vector index from the store (one project, one organisation or every tenant)")
    public ReindexView reindex(AdminBodies.Reindex body) {
        String org = body == null ? null : blankToNull(body.orgId());
        String project = body == null ? null : blankToNull(body.projectId());
        if (project != null && org == null) throw new ValidationException("project_id needs org_id");
        // Every tenant only when asked in so many words: a body that merely lacks org_id must not start a platform-wide rebuild.
        if (org == null && !Boolean.TRUE.equals(body == null ? null : body.allTenants())) {
            throw new ValidationException("Give org_id (and project_id) to rebuild one organisation (or project), or all_tenants: true to rebuild every tenant");
        }
        var done = reindexer.reindex(org, project);
        return new ReindexView("Index rebuilt", done.tenants(), done.memories());
    }

    @POST
    @Path("/consistency")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(KeyScope.ADMIN)
    @Operation(summary = "Compare a project's store and index, and repair the index")
    public ConsistencyView consistency(AdminBodies.Consistency body) {
        String org = body == null ? null : blankToNull(body.orgId());
        String project = body == null ? null : blankToNull(body.projectId());
        if (org == null || project == null) throw new ValidationException("org_id and project_id are required");
        boolean repair = body.repair() == null || body.repair();
        var r = reindexer.checkConsistency(org, project, repair);
        return new ConsistencyView(org, project, r.storeRecords(), r.indexEntries(), r.missingFromIndex(), r.orphansInIndex(), r.stale(),
                r.repaired(), r.consistent());
    }

    @POST
    @Path("/projects")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(KeyScope.ADMIN)
    @ResponseStatus(201)
    @Operation(summary = "Create a project")
    @APIResponse(responseCode = "201", description = "The project",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProjectView.class)))
    public ProjectView createProject(AdminBodies.CreateProject body) {
        if (body == null) throw new ValidationException("The request body must be a JSON object with org_id");
        return ProjectView.of(admin.createProject(body.orgId(), body.projectId(), body.name()));
    }

    @GET
    @Path("/projects")
    @RequiresScope(KeyScope.ADMIN)
    @Operation(summary = "List projects with their defaults")
    public List<ProjectView> projects(@QueryParam("org_id") String orgId) {
        return admin.projects(orgId).stream().map(ProjectView::of).toList();
    }

    @DELETE
    @Path("/projects/{org_id}/{project_id}")
    @RequiresScope(KeyScope.ADMIN)
    @Operation(summary = "Delete a project: revoke its keys, erase its memories, history and events")
    public DeletedProjectView deleteProject(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId) {
        AdminService.DeletedProject deleted = admin.deleteProject(orgId, projectId);
        return new DeletedProjectView("Project deleted: keys revoked, memories, history and events erased", deleted.revokedKeys(),
                deleted.erasedEvents());
    }

    @PUT
    @Path("/projects/{org_id}/{project_id}/defaults")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(KeyScope.ADMIN)
    @Operation(summary = "Replace a project's defaults for its adds")
    public ProjectDefaultsView updateDefaults(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId,
                                              @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                                      schema = @Schema(implementation = ProjectDefaultsBody.class))) JsonNode body) {
        return ProjectDefaultsView.of(admin.updateDefaults(orgId, projectId, ProjectDefaultsReader.read(body, profiles)));
    }

    /** The LLM profiles a project's {@code llm_profile} may name (the console offers and checks them). */
    @GET
    @Path("/llm-profiles")
    @RequiresScope(KeyScope.ADMIN)
    @Operation(summary = "List the configured LLM profiles")
    public LlmProfilesView llmProfiles() {
        return new LlmProfilesView(List.copyOf(profiles.names()));
    }

    @POST
    @Path("/keys")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(KeyScope.ADMIN)
    @ResponseStatus(201)
    @Operation(summary = "Create an API key (the key text is shown this once)")
    @APIResponse(responseCode = "201", description = "The key, with its text shown this once",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = KeyView.class)))
    public KeyView createKey(AdminBodies.CreateKey body) {
        if (body == null) throw new ValidationException("The request body must be a JSON object with org_id and project_id");
        var issued = admin.createKey(body.orgId(), body.projectId(), body.name(), body.scopes(), body.userEmail(), body.defaultUserId());
        return KeyView.of(issued.key(), issued.keyText());
    }

    @GET
    @Path("/projects/{org_id}/{project_id}/keys")
    @RequiresScope(KeyScope.ADMIN)
    @Operation(summary = "A project's API keys (prefixes only)")
    public List<KeyView> keys(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId) {
        return admin.keys(orgId, projectId).stream().map(k -> KeyView.of(k, null)).toList();
    }

    @PATCH
    @Path("/keys/{key_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(KeyScope.ADMIN)
    @Operation(summary = "Set or clear an API key's default user")
    public KeyView updateKey(@PathParam("key_id") String keyId, AdminBodies.UpdateKey body) {
        if (body == null) throw new ValidationException("The request body must be a JSON object with default_user_id");
        return KeyView.of(admin.setDefaultUser(keyId, body.defaultUserId()), null);
    }

    @DELETE
    @Path("/keys/{key_id}")
    @RequiresScope(KeyScope.ADMIN)
    @Operation(summary = "Revoke an API key")
    public MessageView revokeKey(@PathParam("key_id") String keyId) {
        admin.revokeKey(keyId);
        return new MessageView("API key revoked");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
