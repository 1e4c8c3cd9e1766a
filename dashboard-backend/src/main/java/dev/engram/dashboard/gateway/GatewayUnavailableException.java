package dev.engram.dashboard.gateway;

import dev.engram.core.error.EngramException;

/** The api-gateway could not be reached, refused the dashboard's credentials, or failed: answered 503. */
public class GatewayUnavailableException extends EngramException {

    public GatewayUnavailableException(String message) {
        super(message);
    }

    public GatewayUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
