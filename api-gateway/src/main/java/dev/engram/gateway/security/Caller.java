package dev.engram.gateway.security;

import dev.engram.core.tenant.KeyScope;
import dev.engram.core.domain.Tenant;

import java.util.Set;

/**
 * Who is calling: the tenant every operation of the request is confined to, the credential's id, its scopes and the
 * user's e-mail when known.
 */
public record Caller(Tenant tenant, String credentialId, Set<KeyScope> scopes, String userEmail) {
    public Caller {
        scopes = Set.copyOf(scopes);
    }

    public boolean has(KeyScope scope) {
        return scopes.contains(scope);
    }
}
