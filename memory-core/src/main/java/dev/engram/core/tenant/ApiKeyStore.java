package dev.engram.core.tenant;

import dev.engram.core.domain.Tenant;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Projects and API keys. Keys are found by the SHA-256 of their text; the text itself is never stored. */
public interface ApiKeyStore {

    /** Creates the project; false when it already exists. */
    boolean createProject(Tenant tenant, String name, Instant at);

    /** The project, with its defaults. */
    Optional<Project> project(Tenant tenant);

    /** Replaces the project's defaults ({@link ProjectDefaults#NONE} clears them); false when the project does not exist. */
    boolean updateDefaults(Tenant tenant, ProjectDefaults defaults, Instant at);

    /** Projects of one organisation, or of all when {@code orgId} is null, oldest first. */
    List<Project> projects(String orgId);

    /** Stores a key for an existing project, without a default user. */
    default ApiKey createKey(Tenant tenant, String name, String keyText, Set<KeyScope> scopes, String userEmail, Instant at) {
        return createKey(tenant, name, keyText, scopes, userEmail, null, at);
    }

    /**
     * Stores a key for an existing project.
     *
     * @param defaultUserId the user MCP tools act for when neither the call nor the connection names one; null = none
     */
    ApiKey createKey(Tenant tenant, String name, String keyText, Set<KeyScope> scopes, String userEmail, String defaultUserId, Instant at);

    /**
     * Sets (or, with null or blank, clears) the key's default user; false when no key of that id exists.
     *
     * @throws dev.engram.core.error.ValidationException when the id is not a valid user_id
     */
    boolean setDefaultUser(UUID keyId, String defaultUserId);

    /** The active or revoked key with this text. */
    Optional<ApiKey> findByKey(String keyText);

    /** The active or revoked key with this id. */
    Optional<ApiKey> findById(UUID keyId);

    /** Keys of one project, oldest first. */
    List<ApiKey> keys(Tenant tenant);

    /** Revokes the key; false when no key of that id exists. */
    boolean revoke(UUID keyId, Instant at);

    void touch(UUID keyId, Instant at);

    /** True when at least one active key with the ADMIN scope exists. */
    boolean hasActiveAdminKey();
}
