package dev.engram.core.ingest;

import dev.engram.core.domain.MemoryEvent;
import dev.engram.core.domain.Page;
import dev.engram.core.domain.Tenant;
import dev.engram.core.domain.TokenUsage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Tracks ingest events: PENDING when accepted, RUNNING while a worker processes them, then SUCCEEDED with the memory
 * events or FAILED with a reason. Tenant-scoped in one place, like every store.
 */
public interface EventStore {

    /** Records a new PENDING event; idempotent for the same id (a retried enqueue keeps the first record). */
    void created(Tenant tenant, String id, String type, String payload, Instant at);

    /**
     * Marks the event RUNNING and counts an attempt; returns false when it already SUCCEEDED (skip it: idempotency) or
     * was cancelled by {@link #deleteTenant} (drop it).
     */
    boolean started(Tenant tenant, String id, Instant at);

    void succeeded(Tenant tenant, String id, List<MemoryEvent> results, TokenUsage usage, Instant at);

    void failed(Tenant tenant, String id, String error, Instant at);

    /**
     * Records an add that ran synchronously and SUCCEEDED, as {@link #created}, {@link #started} and {@link #succeeded}
     * in a row would (one attempt, started at {@code started}); implementations write it at once.
     */
    default void recordSucceeded(Tenant tenant, String id, String type, String payload, Instant started, List<MemoryEvent> results,
                                 TokenUsage usage, Instant at) {
        created(tenant, id, type, payload, started);
        started(tenant, id, started);
        succeeded(tenant, id, results, usage, at);
    }

    Optional<EventRecord> get(Tenant tenant, String id);

    /** Newest first. */
    Page<EventRecord> list(Tenant tenant, int page, int pageSize);

    /**
     * Removes every event of the tenant for good (a deleted project), in one transaction, except that each event still
     * PENDING or RUNNING is replaced by its cancellation ({@link EventTransitions#cancel}: FAILED with
     * {@link EventTransitions#PROJECT_DELETED}, payload erased), so a worker that takes the queued add later drops it
     * instead of writing memories into the deleted project. Returns how many events were removed or cancelled.
     */
    int deleteTenant(Tenant tenant, Instant at);
}
