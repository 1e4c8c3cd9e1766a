package dev.engram.dashboard.service;

import dev.engram.core.domain.Tenant;
import dev.engram.core.tenant.ApiKey;
import dev.engram.core.tenant.KeyScope;
import dev.engram.core.tenant.Project;
import dev.engram.core.tenant.ProjectDefaults;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The platform's tenant directory as the dashboard sees it: projects and API keys, the records the gateways
 * authenticate with. Two implementations, chosen once by {@code engram.dashboard.tenant-directory}
 * ({@link TenantDirectoryProducer}): the platform's tables on the shared database ({@link DatabaseTenantDirectory}, the
 * distributed platform), or the gateway's administration API ({@link GatewayTenantDirectory}, the standalone platform,
 * whose embedded database only the gateway opens). Every call commits on its own: a revoked key is refused by the
 * gateways as soon as the call returns.
 */
public interface TenantDirectory {

    /** Creates the project; false when it exists already. */
    boolean createProject(Tenant tenant, String name, Instant at);

    Optional<Project> project(Tenant tenant);

    List<Project> projects(String orgId);

    /** Issues a key for an existing project; the text in the result is shown once and stored nowhere. */
    IssuedKey createKey(Tenant tenant, String name, Set<KeyScope> scopes, String userEmail, String defaultUserId, Instant at);

    /** Sets or (null) clears the key's default user, the user_id MCP tools act for; false when no key has that id. */
    boolean setDefaultUser(UUID keyId, String defaultUserId);

    List<ApiKey> keys(Tenant tenant);

    /** Revokes the key; false when there is no active key with that id. */
    boolean revoke(UUID keyId, Instant at);

    /**
     * Deletes the project's contents: revokes every active key, then has the gateway erase its memories, their history
     * and index entries, and its add events (the gateway's {@code DELETE /api/v1/admin/projects/{org}/{project}}, the
     * one place that reaches every store and index). Returns how many keys were revoked. The project record stays.
     *
     * @throws dev.engram.dashboard.gateway.GatewayUnavailableException when the gateway could not erase the data
     */
    int deleteProject(Tenant tenant, Instant at);

    /**
     * Replaces the project's defaults for its adds (what the gateways apply to an add that leaves them out).
     *
     * @throws dev.engram.core.error.NotFoundException when the project does not exist
     */
    void publishDefaults(Tenant tenant, ProjectDefaults defaults);

    /** The names of the LLM profiles the platform is configured with (a project's {@code llm_profile} must be one). */
    List<String> llmProfiles();

    /** A new key and its text, which only the response to its creation ever shows. */
    record IssuedKey(ApiKey key, String text) {
    }
}
