package dev.engram.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.error.ValidationException;
import dev.engram.gateway.rest.dto.AdminBodies;
import dev.engram.core.tenant.ApiKey;
import dev.engram.core.tenant.KeyScope;
import dev.engram.core.tenant.Project;
import dev.engram.core.tenant.ProjectDefaults;
import dev.engram.gateway.security.RequiresScope;
import dev.engram.gateway.service.AdminService;
import dev.engram.gateway.service.LlmProfileNames;
import dev.engram.gateway.service.ProjectDefaultsReader;
import dev.engram.gateway.service.ReindexService;
import dev.engram.gateway.service.WireValues;
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
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 *   <li>{@code POST /api/v1/admin/reindex/} {@code {org_id?, project_id?}} → rebuilds the vector index from the store
 *       (every tenant when the body is empty) → {@code {tenants, memories}}</li>
 *   <li>{@code POST /api/v1/admin/consistency/} {@code {org_id, project_id, repair?}} → compares the project's store and
 *       index and (unless {@code repair} is false) repairs the index from the store → counts of what differed</li>
 * </ul>
 */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@RequiresScope(KeyScope.ADMIN)
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
    public Map<String, Object> reindex(AdminBodies.Reindex body) {
        String org = body == null ? null : blankToNull(body.orgId());
        String project = body == null ? null : blankToNull(body.projectId());
        if (project != null && org == null) throw new ValidationException("project_id needs org_id");
        var done = reindexer.reindex(org, project);
        return Map.of("message", "Index rebuilt", "tenants", done.tenants(), "memories", done.memories());
    }

    @POST
    @Path("/consistency")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(KeyScope.ADMIN)
    public Map<String, Object> consistency(AdminBodies.Consistency body) {
        String org = body == null ? null : blankToNull(body.orgId());
        String project = body == null ? null : blankToNull(body.projectId());
        if (org == null || project == null) throw new ValidationException("org_id and project_id are required");
        boolean repair = body.repair() == null || body.repair();
        var r = reindexer.checkConsistency(org, project, repair);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("org_id", org);
        out.put("project_id", project);
        out.put("store_memories", r.storeRecords());
        out.put("index_entries", r.indexEntries());
        out.put("missing_from_index", r.missingFromIndex());
        out.put("orphans_in_index", r.orphansInIndex());
        out.put("stale_in_index", r.stale());
        out.put("repaired", r.repaired());
        out.put("consistent", r.consistent());
        return out;
    }

    @POST
    @Path("/projects")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(KeyScope.ADMIN)
    public Response createProject(AdminBodies.CreateProject body) {
        if (body == null) throw new ValidationException("The request body must be a JSON object with org_id");
        return Response.status(201).entity(project(admin.createProject(body.orgId(), body.projectId(), body.name()))).build();
    }

    @GET
    @Path("/projects")
    @RequiresScope(KeyScope.ADMIN)
    public List<Map<String, Object>> projects(@QueryParam("org_id") String orgId) {
        return admin.projects(orgId).stream().map(AdminResource::project).toList();
    }

    @DELETE
    @Path("/projects/{org_id}/{project_id}")
    @RequiresScope(KeyScope.ADMIN)
    public Map<String, Object> deleteProject(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId) {
        AdminService.DeletedProject deleted = admin.deleteProject(orgId, projectId);
        return Map.of("message", "Project deleted: keys revoked, memories, history and events erased",
                "revoked_keys", deleted.revokedKeys(), "erased_events", deleted.erasedEvents());
    }

    @PUT
    @Path("/projects/{org_id}/{project_id}/defaults")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(KeyScope.ADMIN)
    public Map<String, Object> updateDefaults(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId, JsonNode body) {
        return defaults(admin.updateDefaults(orgId, projectId, ProjectDefaultsReader.read(body, profiles)));
    }

    /** The LLM profiles a project's {@code llm_profile} may name (the console offers and checks them). */
    @GET
    @Path("/llm-profiles")
    @RequiresScope(KeyScope.ADMIN)
    public Map<String, Object> llmProfiles() {
        return Map.of("profiles", List.copyOf(profiles.names()));
    }

    @POST
    @Path("/keys")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(KeyScope.ADMIN)
    public Response createKey(AdminBodies.CreateKey body) {
        if (body == null) throw new ValidationException("The request body must be a JSON object with org_id and project_id");
        var issued = admin.createKey(body.orgId(), body.projectId(), body.name(), body.scopes(), body.userEmail(), body.defaultUserId());
        Map<String, Object> out = key(issued.key());
        out.put("key", issued.keyText());
        return Response.status(201).entity(out).build();
    }

    @GET
    @Path("/projects/{org_id}/{project_id}/keys")
    @RequiresScope(KeyScope.ADMIN)
    public List<Map<String, Object>> keys(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId) {
        return admin.keys(orgId, projectId).stream().map(AdminResource::key).toList();
    }

    @PATCH
    @Path("/keys/{key_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(KeyScope.ADMIN)
    public Map<String, Object> updateKey(@PathParam("key_id") String keyId, AdminBodies.UpdateKey body) {
        if (body == null) throw new ValidationException("The request body must be a JSON object with default_user_id");
        return key(admin.setDefaultUser(keyId, body.defaultUserId()));
    }

    @DELETE
    @Path("/keys/{key_id}")
    @RequiresScope(KeyScope.ADMIN)
    public Map<String, String> revokeKey(@PathParam("key_id") String keyId) {
        admin.revokeKey(keyId);
        return Map.of("message", "API key revoked");
    }

    private static Map<String, Object> project(Project p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("org_id", p.tenant().orgId());
        out.put("project_id", p.tenant().projectId());
        out.put("name", p.name());
        out.put("created_at", WireValues.format(p.createdAt()));
        out.put("defaults", defaults(p.defaults()));
        return out;
    }

    /** {@code {custom_instructions, categories: [{name: description}] or null, default_expiration_days, extraction_mode, llm_profile}}. */
    private static Map<String, Object> defaults(ProjectDefaults d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("custom_instructions", d.customInstructions());
        out.put("categories", d.categories() == null ? null
                : d.categories().entrySet().stream().map(e -> Map.of(e.getKey(), e.getValue())).toList());
        out.put("default_expiration_days", d.defaultExpirationDays());
        out.put("extraction_mode", d.offlineOnly() ? "offline" : "llm");
        out.put("llm_profile", d.llmProfile());
        return out;
    }

    private static Map<String, Object> key(ApiKey k) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", k.id().toString());
        out.put("org_id", k.tenant().orgId());
        out.put("project_id", k.tenant().projectId());
        out.put("name", k.name());
        out.put("prefix", k.prefix());
        out.put("scopes", k.scopes().stream().sorted().map(KeyScope::wireName).toList());
        out.put("user_email", k.userEmail());
        out.put("default_user_id", k.defaultUserId());
        out.put("created_at", WireValues.format(k.createdAt()));
        out.put("last_used_at", WireValues.format(k.lastUsedAt()));
        out.put("revoked_at", WireValues.format(k.revokedAt()));
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
