package dev.engram.gateway.service;

import dev.engram.core.domain.Tenant;
import dev.engram.core.engine.MemoryEngine;
import dev.engram.core.error.ValidationException;
import dev.engram.core.feedback.FeedbackStore;
import dev.engram.core.feedback.FeedbackValue;
import dev.engram.core.feedback.MemoryFeedback;
import dev.engram.gateway.security.Caller;
import dev.engram.gateway.security.CallerContext;
import dev.engram.gateway.usage.RequestUsage;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Collection;
import java.util.UUID;

/**
 * Feedback on the calling tenant's memories (Mem0's {@code POST /v1/feedback/}): kept per memory in the
 * {@link FeedbackStore}, counted in the usage analytics, and, when VERY_NEGATIVE, applied by {@link MemoryService}, which
 * leaves such memories out of searches and listings unless asked for them.
 */
@ApplicationScoped
public class FeedbackService {

    /** What was recorded: the memory and its feedback now (null value: cleared). */
    public record Recorded(UUID memoryId, FeedbackValue value, String reason) {
    }

    private final CallerContext caller;
    private final MemoryEngine engine;
    private final FeedbackStore store;
    private final FeedbackCache cache;
    private final RequestUsage usage;
    private final Clock clock = Clock.systemUTC();

    FeedbackService(CallerContext caller, MemoryEngine engine, FeedbackStore store, FeedbackCache cache, RequestUsage usage) {
        this.caller = caller;
        this.engine = engine;
        this.store = store;
        this.cache = cache;
        this.usage = usage;
    }

    /**
     * Records {@code feedback} (any case) with its reason as the memory's current feedback, or clears it when
     * {@code feedback} is null.
     *
     * @throws dev.engram.core.error.NotFoundException when the tenant has no such memory (another tenant's included)
     * @throws ValidationException                     for a missing or malformed id, an unknown value or a too long reason
     */
    public Recorded record(String memoryId, String feedback, String reason) {
        if (memoryId == null) throw new ValidationException("memory_id is required");
        UUID id = WireValues.memoryId(memoryId);
        FeedbackValue value = feedback == null ? null : FeedbackValue.parse(feedback);
        if (reason != null && reason.length() > MemoryFeedback.MAX_REASON_LENGTH) {
            throw new ValidationException("feedback_reason must be at most " + MemoryFeedback.MAX_REASON_LENGTH + " characters");
        }
        Caller who = caller.caller();
        Tenant tenant = who.tenant();
        engine.get(tenant, id).orElseThrow(MemoryService::notFound);
        if (value == null) {
            store.clear(tenant, id);
        } else {
            store.put(tenant, new MemoryFeedback(id, value, reason, who.credentialId(), clock.instant()));
        }
        cache.invalidate(tenant);
        usage.feedback(value);
        return new Recorded(id, value, value == null ? null : reason);
    }

    /** Drops the feedback of memories that were just deleted, so none outlives its memory. */
    public void forget(Tenant tenant, Collection<UUID> deleted) {
        if (deleted.isEmpty()) return;
        store.forget(tenant, deleted);
        cache.invalidate(tenant);
    }
}
