package dev.engram.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * When and how long the client waits before sending a request again.
 *
 * <ul>
 *   <li>Retried statuses ({@link #retryStatuses()}, default 429 and 503): every call, because the server did not process the
 *       request. A {@code Retry-After} header (seconds or an HTTP date) sets the wait; one longer than
 *       {@link #maxRetryAfter()} is not waited for and the error is thrown at once.</li>
 *   <li>Connection failures: a refused connection or a connect timeout (nothing was sent) on every call; a reset or a
 *       request timeout only on idempotent calls (reads, update, delete), never on add, which could be applied twice.</li>
 *   <li>Without {@code Retry-After} the n-th retry waits {@code min(maxBackoff, initialBackoff × multiplier^(n-1))}, reduced
 *       by a random fraction up to {@link #jitter()} so that clients rate-limited together do not come back together.</li>
 *   <li>At most {@link #maxAttempts()} sends in all (the first one included); then the last error is thrown.</li>
 * </ul>
 *
 * @param maxAttempts    sends in all, at least 1 (1 = no retry)
 * @param initialBackoff the wait before the first retry
 * @param maxBackoff     the longest computed wait
 * @param multiplier     growth of the wait per retry, at least 1
 * @param jitter         the largest random fraction taken off a computed wait, 0 to 1
 * @param maxRetryAfter  the longest {@code Retry-After} the client honours
 * @param retryStatuses  HTTP statuses that are retried
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier, double jitter,
                          Duration maxRetryAfter, Set<Integer> retryStatuses) {

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (initialBackoff.isNegative() || maxBackoff.isNegative() || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        if (multiplier < 1) throw new IllegalArgumentException("multiplier must be at least 1, got " + multiplier);
        if (jitter < 0 || jitter > 1) throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
        retryStatuses = Set.copyOf(retryStatuses);
    }

    /** 4 attempts, 250 ms doubling up to 5 s, half jitter, Retry-After honoured up to 60 s, on 429 and 503. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(250), Duration.ofSeconds(5), 2.0, 0.5, Duration.ofSeconds(60), Set.of(429, 503));
    }

    /** One attempt: every error is thrown at once. */
    public static RetryPolicy none() {
        return defaults().withMaxAttempts(1);
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialBackoff, maxBackoff, multiplier, jitter, maxRetryAfter, retryStatuses);
    }

    public RetryPolicy withBackoff(Duration initial, Duration max) {
        return new RetryPolicy(maxAttempts, initial, max, multiplier, jitter, maxRetryAfter, retryStatuses);
    }

    public RetryPolicy withJitter(double fraction) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, multiplier, fraction, maxRetryAfter, retryStatuses);
    }

    public RetryPolicy withMaxRetryAfter(Duration max) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, multiplier, jitter, max, retryStatuses);
    }

    /**
     * The computed wait before retry number {@code retry} (1 for the first retry), without {@code Retry-After}.
     *
     * @param random a source of numbers in [0, 1)
     */
    public Duration backoff(int retry, DoubleSupplier random) {
        double base = initialBackoff.toNanos() * Math.pow(multiplier, Math.max(0, retry - 1));
        double capped = Math.min(base, maxBackoff.toNanos());
        double jittered = capped * (1 - jitter * random.getAsDouble());
        return Duration.ofNanos((long) jittered);
    }
}
