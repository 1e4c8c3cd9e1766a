package dev.engram.core.tenant;

import dev.engram.core.domain.Tenant;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A stored API key: never the key itself, only its visible prefix (and, in the store, its SHA-256).
 *
 * @param defaultUserId the user MCP tools act for when neither the tool call nor the connection names a user_id; null =
 *                      none. A valid {@code user_id} (at most 256 characters, no white space or control characters).
 */
public record ApiKey(UUID id, Tenant tenant, String name, String prefix, Set<KeyScope> scopes, String userEmail,
                     Instant createdAt, Instant lastUsedAt, Instant revokedAt, String defaultUserId) {

    public ApiKey {
        scopes = Set.copyOf(scopes);
        defaultUserId = defaultUser(defaultUserId);
    }

    /** A key without a default user. */
    public ApiKey(UUID id, Tenant tenant, String name, String prefix, Set<KeyScope> scopes, String userEmail,
                  Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
        this(id, tenant, name, prefix, scopes, userEmail, createdAt, lastUsedAt, revokedAt, null);
    }

    /**
     * The default user id, checked as a {@code user_id} is (stripped; null or blank = none).
     *
     * @throws dev.engram.core.error.ValidationException naming {@code default_user_id} when it is not a valid user_id
     */
    public static String defaultUser(String id) {
        if (id == null || id.isBlank()) return null;
        String t = id.strip();
        if (t.length() > dev.engram.core.domain.Scope.MAX_ID_LENGTH) {
            throw new dev.engram.core.error.ValidationException("default_user_id must be at most " + dev.engram.core.domain.Scope.MAX_ID_LENGTH + " characters");
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '*') {
                throw new dev.engram.core.error.ValidationException("default_user_id must not contain white space, control characters or *");
            }
        }
        return t;
    }

    public boolean active() {
        return revokedAt == null;
    }
}
