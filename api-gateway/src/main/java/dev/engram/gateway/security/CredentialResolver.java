package dev.engram.gateway.security;

import java.util.Optional;

/**
 * Turns the credential of an {@code Authorization} header into a {@link Caller}. API keys are resolved by
 * {@link ApiKeyResolver}; OIDC bearer tokens (JWTs) plug in as a second implementation, tried for {@code Bearer}
 * credentials that are not API keys.
 */
public interface CredentialResolver {

    /** The caller, or empty when this resolver does not recognise the credential; throws 401 when it is its own but invalid. */
    Optional<Caller> resolve(String scheme, String credential);
}
