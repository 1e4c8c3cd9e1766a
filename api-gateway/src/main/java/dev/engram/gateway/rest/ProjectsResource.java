package dev.engram.gateway.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.tenant.KeyScope;
import dev.engram.core.tenant.Project;
import dev.engram.core.tenant.ProjectDefaults;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
public class ProjectsResource {

    private final ProjectSettingsService projects;

    ProjectsResource(ProjectSettingsService projects) {
        this.projects = projects;
    }

    @GET
    @RequiresScope(KeyScope.READ)
    public Map<String, Object> get(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId,
                                   @QueryParam("fields") List<String> fields) {
        Map<String, Object> all = view(projects.get(orgId, projectId));
        List<String> wanted = ProjectSettingsService.fields(fields);
        if (wanted.isEmpty()) return all;
        Map<String, Object> some = new LinkedHashMap<>();
        for (String f : wanted) if (all.containsKey(f)) some.put(f, all.get(f));
        return some;
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(KeyScope.WRITE)
    public Map<String, String> update(@PathParam("org_id") String orgId, @PathParam("project_id") String projectId, JsonNode body) {
        projects.update(orgId, projectId, body);
        return Map.of("message", "Project updated successfully");
    }

    /** Mem0's project object; the settings Engram does not implement have the values that say so (null, false). */
    static Map<String, Object> view(Project p) {
        ProjectDefaults d = p.defaults();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("project_id", p.tenant().projectId());
        out.put("org_id", p.tenant().orgId());
        out.put("name", p.name());
        out.put("description", null);
        out.put("members", List.of());
        out.put("custom_instructions", d.customInstructions());
        out.put("agent_custom_instructions", null);
        out.put("custom_categories", d.categories() == null ? null
                : d.categories().entrySet().stream().map(e -> Map.of(e.getKey(), e.getValue())).toList());
        out.put("default_expiration_days", d.defaultExpirationDays());
        out.put("extraction_mode", d.offlineOnly() ? "offline" : "llm");
        out.put("llm_profile", d.llmProfile());
        out.put("memory_depth", null);
        out.put("usecase", null);
        out.put("multilingual", false);
        out.put("decay", false);
        out.put("enable_graph", false);
        out.put("version", null);
        out.put("inclusion_prompt", null);
        out.put("exclusion_prompt", null);
        out.put("expiration_date", null);
        out.put("is_default", false);
        out.put("created_at", p.createdAt().toString());
        return out;
    }
}
