package dev.engram.gateway.error;

/** No credentials, or credentials that name no active key (401). */
public class UnauthorizedException extends GatewayException {
    public UnauthorizedException(String message) {
        super(message);
    }
}
