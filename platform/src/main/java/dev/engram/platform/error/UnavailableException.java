package dev.engram.platform.error;

import dev.engram.core.error.EngramException;

/**
 * A service the app needs did not answer (the identity provider, the api-gateway): a 503 with {@code Retry-After}. The
 * message is shown and names no internal address; the cause, if any, is logged once by {@link ProblemMapper}.
 */
public class UnavailableException extends EngramException {

    public UnavailableException(String message) {
        super(message);
    }

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
