package dev.engram.client.error;

import java.time.Duration;
import java.util.Optional;

/**
 * Too many requests (429) after the client's retries were used up, or with a {@code Retry-After} longer than the
 * {@link dev.engram.client.RetryPolicy} is willing to wait.
 */
public class RateLimitedException extends EngramException {

    private final Duration retryAfter;

    public RateLimitedException(String type, String title, String detail, String instance, Duration retryAfter) {
        super(429, type, title, detail, instance, null);
        this.retryAfter = retryAfter;
    }

    /** The server's {@code Retry-After}, when it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
