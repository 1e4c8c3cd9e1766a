package dev.engram.core.webhook;

import java.time.Duration;
import java.util.Objects;

/**
 * When a failed delivery is tried again: {@code initial} after the first failure, doubling after each one, never more
 * than {@code max}; after {@code maxAttempts} attempts it FAILS for good.
 */
public record WebhookBackoff(Duration initial, Duration max, int maxAttempts) {

    public WebhookBackoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) throw new IllegalArgumentException("initial must be positive");
        if (max.compareTo(initial) < 0) throw new IllegalArgumentException("max must be at least initial");
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
    }

    /**
     * The wait after {@code attempts} failed attempts, or null when none is left.
     *
     * @param attempts attempts made so far, the failed one included (1 after the first)
     */
    public Duration delayAfter(int attempts) {
        if (attempts >= maxAttempts) return null;
        int doublings = Math.min(attempts - 1, 30);
        Duration d = initial.multipliedBy(1L << doublings);
        return d.compareTo(max) > 0 ? max : d;
    }
}
