package dev.engram.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.domain.Tenant;
import dev.engram.core.error.NotFoundException;
import dev.engram.core.error.ValidationException;
import dev.engram.core.tenant.ApiKeyStore;
import dev.engram.core.tenant.Project;
import dev.engram.core.tenant.ProjectDefaults;
import dev.engram.gateway.security.CallerContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The calling project through Mem0's {@code /api/v1/orgs/organizations/{org}/projects/{project}/}: read and change the
 * settings the engine applies to its adds, {@link ProjectDefaults} in the tenant directory (the same row the console's
 * project settings publish to, so there is one source of truth). Only the caller's own project is found.
 *
 * <p>A change ({@code PATCH}) sets what it names and keeps the rest: Mem0's {@code custom_instructions} (an empty string
 * clears them) and {@code custom_categories}, and Engram's {@code default_expiration_days}, {@code extraction_mode} and
 * {@code llm_profile} (a configured profile name, or null for the default LLM).
 * Mem0 settings the engine does not implement are refused (400) unless they ask for what it does anyway (false, null),
 * so a client never believes a setting applies when it does not.
 */
@ApplicationScoped
public class ProjectSettingsService {

    /** Mem0 settings Engram does not implement, accepted only as false, null or empty. */
    static final Set<String> UNSUPPORTED = Set.of("agent_custom_instructions", "multilingual", "decay", "memory_depth", "usecase_setting",
            "version", "enable_graph", "name", "description", "inclusion_prompt", "exclusion_prompt");

    private final CallerContext caller;
    private final ApiKeyStore directory;
    private final ProjectDefaultsCache cache;
    private final LlmProfileNames profiles;
    private final Clock clock = Clock.systemUTC();

    ProjectSettingsService(CallerContext caller, ApiKeyStore directory, ProjectDefaultsCache cache, LlmProfileNames profiles) {
        this.caller = caller;
        this.directory = directory;
        this.cache = cache;
        this.profiles = profiles;
    }

    /** The caller's project when the path names it; otherwise it is not found. */
    public Project get(String orgId, String projectId) {
        return directory.project(own(orgId, projectId)).orElseThrow(ProjectSettingsService::notFound);
    }

    /** Applies the change and returns the project as it now is. */
    public Project update(String orgId, String projectId, JsonNode body) {
        Tenant tenant = own(orgId, projectId);
        if (body == null || !body.isObject()) throw new ValidationException("The request body must be a JSON object");
        Project project = directory.project(tenant).orElseThrow(ProjectSettingsService::notFound);
        for (String field : UNSUPPORTED) refuseUnsupported(body, field);
        ProjectDefaults d = project.defaults();
        String instructions = d.customInstructions();
        Map<String, String> categories = d.categories();
        Integer days = d.defaultExpirationDays();
        boolean offline = d.offlineOnly();
        String profile = d.llmProfile();
        if (body.has("custom_instructions")) instructions = AddRequestReader.instructions(body, "custom_instructions");
        if (body.has("custom_categories")) categories = AddRequestReader.categories(body.get("custom_categories"), "custom_categories");
        if (body.has("default_expiration_days")) days = ProjectDefaultsReader.days(body.get("default_expiration_days"));
        if (body.has("extraction_mode")) offline = ProjectDefaultsReader.offline(BodyFields.text(body, "extraction_mode"));
        if (body.has("llm_profile")) profile = ProjectDefaultsReader.profile(body, profiles);
        ProjectDefaults changed = new ProjectDefaults(instructions, categories, days, offline, profile);
        if (!directory.updateDefaults(tenant, changed, clock.instant())) throw notFound();
        cache.invalidate(tenant);
        return directory.project(tenant).orElseThrow(ProjectSettingsService::notFound);
    }

    private static void refuseUnsupported(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (BodyFields.absent(n) || (n.isBoolean() && !n.booleanValue()) || (n.isTextual() && n.asText().isEmpty())) return;
        if ((field.equals("name") || field.equals("description")) && n.isTextual()) {
            throw new ValidationException(field + " cannot be changed through this API (the console renames projects)");
        }
        throw new ValidationException(field + " is not supported by Engram; supported: custom_instructions, custom_categories, "
                + "default_expiration_days, extraction_mode, llm_profile");
    }

    private Tenant own(String orgId, String projectId) {
        Tenant tenant = caller.tenant();
        if (!tenant.orgId().equals(orgId) || !tenant.projectId().equals(projectId)) throw notFound();
        return tenant;
    }

    private static NotFoundException notFound() {
        return new NotFoundException("Project not found");
    }

    /** The field names a {@code fields} query selects, snake_case (the TS client may send camelCase). */
    public static List<String> fields(List<String> asked) {
        return asked == null ? List.of() : asked.stream().flatMap(f -> List.of(f.split(",")).stream()).map(String::strip)
                .filter(f -> !f.isEmpty()).map(f -> f.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT)).toList();
    }
}
