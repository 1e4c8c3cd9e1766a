package dev.engram.dashboard.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.domain.Tenant;
import dev.engram.core.error.ConflictException;
import dev.engram.core.error.NotFoundException;
import dev.engram.core.tenant.ApiKey;
import dev.engram.core.tenant.KeyScope;
import dev.engram.core.tenant.Project;
import dev.engram.core.tenant.ProjectDefaults;
import dev.engram.dashboard.gateway.GatewayClient;
import dev.engram.dashboard.gateway.GatewayUnavailableException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The tenant directory behind the gateway's administration API ({@code /api/v1/admin}): the standalone platform, where
 * the gateway alone opens the embedded database. The gateway stamps creation and revocation times itself, so the
 * {@code at} arguments are not sent.
 */
final class GatewayTenantDirectory implements TenantDirectory {

    private static final String ADMIN = "api/v1/admin";

    private final GatewayClient gateway;

    GatewayTenantDirectory(GatewayClient gateway) {
        this.gateway = gateway;
    }

    @Override
    public boolean createProject(Tenant tenant, String name, Instant at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("org_id", tenant.orgId());
        body.put("project_id", tenant.projectId());
        body.put("name", name);
        try {
            gateway.post(null, ADMIN + "/projects", body);
            return true;
        } catch (ConflictException e) {
            return false;
        }
    }

    /** The admin API's {@code defaults}: {@code {custom_instructions, categories: [{name: description}], default_expiration_days, extraction_mode, llm_profile}}. */
    static ProjectDefaults defaults(JsonNode d) {
        if (d == null || !d.isObject()) return ProjectDefaults.NONE;
        Map<String, String> categories = new LinkedHashMap<>();
        for (JsonNode item : d.path("categories")) item.fields().forEachRemaining(e -> categories.put(e.getKey(), e.getValue().asText("")));
        JsonNode days = d.path("default_expiration_days");
        return new ProjectDefaults(d.path("custom_instructions").isTextual() ? d.get("custom_instructions").asText() : null, categories,
                days.isIntegralNumber() ? days.intValue() : null, "offline".equals(d.path("extraction_mode").asText()),
                d.path("llm_profile").isTextual() ? d.get("llm_profile").asText() : null);
    }

    @Override
    public Optional<Project> project(Tenant tenant) {
        return projects(tenant.orgId()).stream().filter(p -> p.tenant().equals(tenant)).findFirst();
    }

    @Override
    public List<Project> projects(String orgId) {
        List<Project> out = new ArrayList<>();
        for (JsonNode p : gateway.get(null, ADMIN + "/projects?org_id=" + encode(orgId))) {
            out.add(new Project(Tenant.of(p.path("org_id").asText(), p.path("project_id").asText()), p.path("name").asText(),
                    instant(p.path("created_at")), defaults(p.path("defaults"))));
        }
        return out;
    }

    @Override
    public IssuedKey createKey(Tenant tenant, String name, Set<KeyScope> scopes, String userEmail, String defaultUserId, Instant at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("org_id", tenant.orgId());
        body.put("project_id", tenant.projectId());
        body.put("name", name);
        body.put("scopes", scopes.stream().sorted().map(KeyScope::wireName).toList());
        body.put("user_email", userEmail);
        body.put("default_user_id", defaultUserId);
        JsonNode created = gateway.post(null, ADMIN + "/keys", body);
        String text = created.path("key").asText(null);
        if (text == null) throw new GatewayUnavailableException("The api-gateway created an API key but did not return it");
        return new IssuedKey(key(created), text);
    }

    @Override
    public List<ApiKey> keys(Tenant tenant) {
        List<ApiKey> out = new ArrayList<>();
        for (JsonNode k : gateway.get(null, ADMIN + "/projects/" + encode(tenant.orgId()) + "/" + encode(tenant.projectId()) + "/keys")) {
            out.add(key(k));
        }
        return out;
    }

    @Override
    public boolean revoke(UUID keyId, Instant at) {
        try {
            gateway.delete(null, ADMIN + "/keys/" + keyId);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** {@code PATCH /api/v1/admin/keys/{id}/}; an unknown key is the gateway's 404. */
    @Override
    public boolean setDefaultUser(UUID keyId, String defaultUserId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("default_user_id", defaultUserId);
        try {
            gateway.patch(null, ADMIN + "/keys/" + keyId, body);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Override
    public int deleteProject(Tenant tenant, Instant at) {
        return erase(gateway, tenant).path("revoked_keys").asInt();
    }

    /** The gateway's project deletion: revokes the keys and erases memories, history, index entries and events. */
    static JsonNode erase(GatewayClient gateway, Tenant tenant) {
        return gateway.delete(null, ADMIN + "/projects/" + encode(tenant.orgId()) + "/" + encode(tenant.projectId()));
    }

    /** {@code PUT .../defaults}; an absent project is the gateway's 404, a {@link NotFoundException}. */
    @Override
    public void publishDefaults(Tenant tenant, ProjectDefaults defaults) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("custom_instructions", defaults.customInstructions());
        body.put("categories", defaults.categories() == null ? null
                : defaults.categories().entrySet().stream().map(e -> Map.of(e.getKey(), e.getValue())).toList());
        body.put("default_expiration_days", defaults.defaultExpirationDays());
        body.put("extraction_mode", defaults.offlineOnly() ? "offline" : "llm");
        body.put("llm_profile", defaults.llmProfile());
        gateway.put(null, ADMIN + "/projects/" + encode(tenant.orgId()) + "/" + encode(tenant.projectId()) + "/defaults", body);
    }

    @Override
    public List<String> llmProfiles() {
        return llmProfiles(gateway);
    }

    /** {@code GET /api/v1/admin/llm-profiles/}: the LLM profiles the gateways are configured with. */
    static List<String> llmProfiles(GatewayClient gateway) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : gateway.get(null, ADMIN + "/llm-profiles").path("profiles")) out.add(n.asText());
        return out;
    }

    private static ApiKey key(JsonNode k) {
        Set<KeyScope> scopes = EnumSet.noneOf(KeyScope.class);
        for (JsonNode s : k.path("scopes")) scopes.add(KeyScope.parse(s.asText()));
        return new ApiKey(UUID.fromString(k.path("id").asText()), Tenant.of(k.path("org_id").asText(), k.path("project_id").asText()),
                k.path("name").asText(), k.path("prefix").asText(), scopes, k.path("user_email").asText(null),
                instant(k.path("created_at")), instant(k.path("last_used_at")), instant(k.path("revoked_at")),
                k.path("default_user_id").asText(null));
    }

    private static Instant instant(JsonNode n) {
        return n.isTextual() ? OffsetDateTime.parse(n.asText()).toInstant() : null;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
