package dev.engram.gateway.service;

import dev.engram.core.domain.Tenant;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A value per project, read at most once per {@code ttl} and forgotten by {@link #invalidate}. A read that began before
 * an invalidation is answered but not kept, so a write made through this gateway applies to its next request.
 */
final class TenantCache<V> {

    private record Entry<V>(V value, Instant readAt) {
    }

    private final Function<Tenant, V> loader;
    private final Duration ttl;
    private final Clock clock;
    private final Map<Tenant, Entry<V>> entries = new ConcurrentHashMap<>();
    /** Bumped by {@link #invalidate}: a read that began before a write must not be kept after it. */
    private final Map<Tenant, Long> generations = new ConcurrentHashMap<>();

    TenantCache(Function<Tenant, V> loader, Duration ttl, Clock clock) {
        this.loader = loader;
        this.ttl = ttl;
        this.clock = clock;
    }

    V get(Tenant tenant) {
        Instant now = clock.instant();
        Entry<V> e = entries.get(tenant);
        if (e != null && now.isBefore(e.readAt().plus(ttl))) return e.value();
        long generation = generations.getOrDefault(tenant, 0L);
        Entry<V> read = new Entry<>(loader.apply(tenant), now);
        entries.compute(tenant, (t, old) -> generations.getOrDefault(t, 0L) == generation ? read : old);
        return read.value();
    }

    void invalidate(Tenant tenant) {
        generations.merge(tenant, 1L, Long::sum);
        entries.remove(tenant);
    }
}
