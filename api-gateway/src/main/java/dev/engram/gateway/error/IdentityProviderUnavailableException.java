package dev.engram.gateway.error;

import dev.engram.platform.error.UnavailableException;

/** A bearer token could not be verified in time because the OIDC identity provider did not answer (503). */
public class IdentityProviderUnavailableException extends UnavailableException {
    public IdentityProviderUnavailableException(String message) {
        super(message);
    }
}
