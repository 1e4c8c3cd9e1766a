package dev.engram.gateway.security;

import dev.engram.gateway.config.EngramConfig;
import dev.engram.platform.error.RateLimitedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows down credential guessing: a client address that failed authentication
 * {@code engram.limits.failed-auth-per-minute} times within a minute gets 429 with {@code Retry-After} for every
 * request, valid credentials included (so the answer tells nothing about a guess), until its minute is over.
 */
@ApplicationScoped
public class FailedAuthLimiter {

    static final long WINDOW_NANOS = 60_000_000_000L;
    /** Addresses tracked at most; expired windows are dropped beyond it, so a flood of addresses cannot grow the map without end. */
    static final int MAX_TRACKED = 100_000;

    private final int maxFailures;
    private final LongSupplier nanoClock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    @Inject
    FailedAuthLimiter(EngramConfig config) {
        this(config.limits().failedAuthPerMinute(), System::nanoTime);
    }

    FailedAuthLimiter(int maxFailures, LongSupplier nanoClock) {
        this.maxFailures = maxFailures;
        this.nanoClock = nanoClock;
    }

    /** Refuses the request when its address is over its budget of failures. */
    public void check(String address) {
        if (maxFailures <= 0 || address == null) return;
        Window w = windows.get(address);
        if (w == null) return;
        long now = nanoClock.getAsLong();
        synchronized (w) {
            if (now - w.start >= WINDOW_NANOS) return;
            if (w.failures >= maxFailures) {
                long retry = Math.max(1, (long) Math.ceil((w.start + WINDOW_NANOS - now) / 1e9));
                throw new RateLimitedException("Too many failed authentication attempts from this address; retry in " + retry + " s", retry);
            }
        }
    }

    /** Counts one failed authentication of the address. */
    public void failed(String address) {
        if (maxFailures <= 0 || address == null) return;
        long now = nanoClock.getAsLong();
        if (windows.size() >= MAX_TRACKED) windows.values().removeIf(w -> now - w.start >= WINDOW_NANOS);
        Window w = windows.computeIfAbsent(address, a -> new Window(now));
        synchronized (w) {
            if (now - w.start >= WINDOW_NANOS) {
                w.start = now;
                w.failures = 0;
            }
            w.failures++;
        }
    }

    private static final class Window {
        long start;
        int failures;

        Window(long start) {
            this.start = start;
        }
    }
}
