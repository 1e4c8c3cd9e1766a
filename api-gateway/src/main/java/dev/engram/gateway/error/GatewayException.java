package dev.engram.gateway.error;

/** Failures the gateway itself raises (authentication, authorization, rate limits); mapped by {@link HttpStatusTable}. */
public abstract class GatewayException extends RuntimeException {
    protected GatewayException(String message) {
        super(message, null, false, false);
    }
}
