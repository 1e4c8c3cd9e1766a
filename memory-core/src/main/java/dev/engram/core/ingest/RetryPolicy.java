package dev.engram.core.ingest;

import java.time.Duration;
import java.util.Objects;

/**
 * How often {@link IngestProcessor} tries an event whose failure may be transient (a backend down, a model timing out),
 * and how long it waits in between: {@code initialDelay}, doubled after each failure, capped at {@code maxDelay}.
 *
 * @param maxAttempts attempts in all, the first included (1 = no retry)
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("delays must satisfy 0 <= initialDelay <= maxDelay");
        }
    }

    /** 5 attempts, waiting 200 ms, 400 ms, 800 ms, 1.6 s (never more than 10 s). */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(10));
    }

    /** One attempt only. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /** The wait after failed attempt {@code attempt} (1-based): {@code initialDelay * 2^(attempt-1)}, at most maxDelay. */
    public Duration delayAfter(int attempt) {
        if (attempt < 1) throw new IllegalArgumentException("attempt is 1-based");
        int doublings = Math.min(attempt - 1, 62);
        long nanos = initialDelay.toNanos();
        long delayed = nanos > (Long.MAX_VALUE >> doublings) ? Long.MAX_VALUE : nanos << doublings;
        return delayed >= maxDelay.toNanos() ? maxDelay : Duration.ofNanos(delayed);
    }
}
