package dev.engram.gateway.security;

import java.util.Optional;

/**
 * Turns the credential of an {@code Authorization} header into a {@link Caller}. API keys are resolved by
 * {@link ApiKeyResolver}, OIDC bearer tokens (JWTs) by {@link OidcCredentialResolver}; {@link CompactJwt} splits
 * {@code Bearer} credentials between the two, so the order the resolvers are asked in does not matter.
 */
public interface CredentialResolver {

    /** The caller, or empty when this resolver does not recognise the credential; throws 401 when it is its own but invalid. */
    Optional<Caller> resolve(String scheme, String credential);
}
