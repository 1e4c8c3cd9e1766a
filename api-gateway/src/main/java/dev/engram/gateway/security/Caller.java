package dev.engram.gateway.security;

import dev.engram.core.tenant.KeyScope;
import dev.engram.core.domain.Tenant;

import java.util.Set;

/**
 * Who is calling: the tenant every operation of the request is confined to, the credential's id, its scopes, the
 * user's e-mail when known, and the API key's default user ({@code defaultUserId}, null when none or not a key): the
 * user_id MCP tools act for when neither the tool call nor the connection names one.
 */
public record Caller(Tenant tenant, String credentialId, Set<KeyScope> scopes, String userEmail, String defaultUserId) {
    public Caller {
        scopes = Set.copyOf(scopes);
    }

    /** A caller without a default user (an OIDC token). */
    public Caller(Tenant tenant, String credentialId, Set<KeyScope> scopes, String userEmail) {
        this(tenant, credentialId, scopes, userEmail, null);
    }

    public boolean has(KeyScope scope) {
        return scopes.contains(scope);
    }
}
