package dev.engram.gateway.error;

/** A valid key without the scope the route needs (403). */
public class ForbiddenException extends GatewayException {
    public ForbiddenException(String message) {
        super(message);
    }
}
