package dev.engram.gateway.error;

/** A bearer token could not be verified in time because the OIDC identity provider did not answer (503). */
public class IdentityProviderUnavailableException extends GatewayException {
    public IdentityProviderUnavailableException(String message) {
        super(message);
    }
}
