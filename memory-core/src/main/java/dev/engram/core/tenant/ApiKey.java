package dev.engram.core.tenant;

import dev.engram.core.domain.Tenant;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A stored API key: never the key itself, only its visible prefix (and, in the store, its SHA-256). */
public record ApiKey(UUID id, Tenant tenant, String name, String prefix, Set<KeyScope> scopes, String userEmail,
                     Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

    public ApiKey {
        scopes = Set.copyOf(scopes);
    }

    public boolean active() {
        return revokedAt == null;
    }
}
