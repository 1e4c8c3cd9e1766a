package dev.engram.gateway.service;

import dev.engram.core.domain.Field;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.Op;
import dev.engram.core.domain.Tenant;
import dev.engram.core.feedback.FeedbackStore;
import dev.engram.core.feedback.FeedbackValue;
import dev.engram.core.feedback.MemoryFeedback;
import dev.engram.gateway.config.EngramConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Each project's feedback, read from the {@link FeedbackStore} in one query at most once per
 * {@code engram.feedback.cache-ttl}, so neither the memory views nor the exclusion of VERY_NEGATIVE memories cost a
 * request a database read of its own. Feedback recorded through this gateway {@link #invalidate}s the project's entry,
 * so it applies to the next request; feedback recorded through another gateway on the same database within the TTL.
 */
@ApplicationScoped
public class FeedbackCache {

    /** A project's feedback by memory, and the filter that leaves its VERY_NEGATIVE memories out (ALL when none). */
    public record Snapshot(Map<UUID, MemoryFeedback> byMemory, Filter withoutVeryNegative) {

        static Snapshot of(List<MemoryFeedback> all) {
            Map<UUID, MemoryFeedback> byMemory = new HashMap<>();
            List<String> veryNegative = new ArrayList<>();
            for (MemoryFeedback f : all) {
                byMemory.put(f.memoryId(), f);
                if (f.value() == FeedbackValue.VERY_NEGATIVE) veryNegative.add(f.memoryId().toString());
            }
            // One NIN on the memory id, evaluated inside the index search like any filter (a term set, not a scan).
            Filter exclude = veryNegative.isEmpty() ? Filter.ALL : new Filter.Compare(Field.MEMORY_ID, Op.NIN, List.copyOf(veryNegative));
            return new Snapshot(Map.copyOf(byMemory), exclude);
        }

        public MemoryFeedback of(UUID memoryId) {
            return byMemory.get(memoryId);
        }
    }

    private final TenantCache<Snapshot> snapshots;

    @Inject
    FeedbackCache(FeedbackStore store, EngramConfig config) {
        this(store, config.feedback().cacheTtl(), Clock.systemUTC());
    }

    FeedbackCache(FeedbackStore store, Duration ttl, Clock clock) {
        this.snapshots = new TenantCache<>(tenant -> Snapshot.of(store.all(tenant)), ttl, clock);
    }

    public Snapshot of(Tenant tenant) {
        return snapshots.get(tenant);
    }

    /** Forgets the project's entry, so the next request reads the feedback just written. */
    public void invalidate(Tenant tenant) {
        snapshots.invalidate(tenant);
    }
}
