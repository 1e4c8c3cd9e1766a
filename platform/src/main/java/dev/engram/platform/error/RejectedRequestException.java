package dev.engram.platform.error;

/**
 * A request an app refuses before doing its work (authentication, authorization, rate limits); mapped by
 * {@link HttpStatusTable}. No stack trace: these are answers, not failures.
 */
public abstract class RejectedRequestException extends RuntimeException {
    protected RejectedRequestException(String message) {
        super(message, null, false, false);
    }
}
