package dev.engram.gateway.security;

import dev.engram.gateway.config.EngramConfig;
import dev.engram.platform.error.RateLimitedException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per credential: {@code engram.limits.requests-per-second} refill, bursts of twice that. Over budget
 * a request gets a 429 with {@code Retry-After}.
 */
@ApplicationScoped
public class RateLimiter {

    private final double ratePerNano;
    private final double capacity;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(EngramConfig config) {
        int rps = config.limits().requestsPerSecond();
        this.ratePerNano = rps / 1e9;
        this.capacity = 2.0 * rps;
    }

    public void acquire(String credentialId) {
        if (capacity <= 0) return;
        Bucket b = buckets.computeIfAbsent(credentialId, k -> new Bucket(capacity, System.nanoTime()));
        synchronized (b) {
            long now = System.nanoTime();
            b.tokens = Math.min(capacity, b.tokens + (now - b.at) * ratePerNano);
            b.at = now;
            if (b.tokens < 1) {
                long waitSeconds = (long) Math.ceil((1 - b.tokens) / ratePerNano / 1e9);
                throw new RateLimitedException("Too many requests for this API key; retry in " + Math.max(1, waitSeconds) + " s", Math.max(1, waitSeconds));
            }
            b.tokens -= 1;
        }
    }

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }
}
