package dev.engram.platform.error;

/** The key made more requests than its budget allows (429); {@code retryAfterSeconds} goes into {@code Retry-After}. */
public class RateLimitedException extends RejectedRequestException {
    private final long retryAfterSeconds;

    public RateLimitedException(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
