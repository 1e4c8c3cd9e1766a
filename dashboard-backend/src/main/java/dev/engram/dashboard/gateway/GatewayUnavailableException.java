package dev.engram.dashboard.gateway;

import dev.engram.platform.error.UnavailableException;

/**
 * The api-gateway cannot serve the dashboard: not configured, unreachable, too slow, failing, or refusing the dashboard's
 * key (a 503; the message says which, without internal addresses).
 */
public class GatewayUnavailableException extends UnavailableException {

    public GatewayUnavailableException(String message) {
        super(message);
    }

    /** {@code cause} says what went wrong internally: it is logged (once, by the problem mapper), never shown. */
    public GatewayUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
