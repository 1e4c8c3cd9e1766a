package dev.engram.gateway.service;

import dev.engram.core.domain.CleanText;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.HistoryEntry;
import dev.engram.core.domain.ListRequest;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Page;
import dev.engram.core.domain.SearchRequest;
import dev.engram.core.domain.SearchResult;
import dev.engram.core.domain.Tenant;
import dev.engram.core.domain.UpdateRequest;
import dev.engram.core.engine.MemoryEngine;
import dev.engram.core.error.NotFoundException;
import dev.engram.core.error.ValidationException;
import dev.engram.core.spi.MemoryStore;
import dev.engram.core.webhook.WebhookOutbox;
import dev.engram.gateway.config.EngramConfig;
import dev.engram.gateway.security.CallerContext;
import dev.engram.gateway.usage.RequestUsage;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads and changes memories for the calling tenant. Every operation takes the tenant from {@link CallerContext}; no
 * method accepts one from the client.
 */
@ApplicationScoped
public class MemoryService {

    /** A memory's history and the memory it belongs to (in any state, for the entries' entity ids). */
    public record History(MemoryRecord memory, List<HistoryEntry> entries) {
    }

    private final CallerContext caller;
    private final MemoryEngine engine;
    private final MemoryStore store;
    private final JsonLimits json;
    private final EngramConfig.Limits limits;
    private final RequestUsage usage;
    private final WebhookOutbox webhooks;
    private final FeedbackCache feedback;
    private final FeedbackService feedbackWrites;

    MemoryService(CallerContext caller, MemoryEngine engine, MemoryStore store, JsonLimits json, EngramConfig config, RequestUsage usage,
                  WebhookOutbox webhooks, FeedbackCache feedback, FeedbackService feedbackWrites) {
        this.caller = caller;
        this.feedback = feedback;
        this.feedbackWrites = feedbackWrites;
        this.webhooks = webhooks;
        this.usage = usage;
        this.engine = engine;
        this.store = store;
        this.json = json;
        this.limits = config.limits();
    }

    /**
     * A search; {@code topK} null means 10; {@code referenceTime} (Mem0's reference_date) null means now. Memories whose
     * feedback is VERY_NEGATIVE are left out unless {@code includeVeryNegative}. {@code rerank} (Mem0's) runs the engine's
     * second stage ({@link SearchRequest#rerank()}).
     */
    public SearchResult search(String query, Filter filter, Integer topK, Double threshold, boolean showExpired, Instant referenceTime,
                               boolean includeVeryNegative, boolean rerank) {
        int k = topK == null ? SearchRequest.DEFAULT_TOP_K : topK;
        if (query == null || query.isBlank()) throw new ValidationException("query is required");
        Tenant tenant = caller.tenant();
        SearchResult result = engine.search(SearchRequest.of(tenant, query, feedbackFilter(tenant, filter, includeVeryNegative))
                .withTopK(k).withThreshold(threshold).withShowExpired(showExpired).withReferenceTime(referenceTime)
                .withRerank(rerank));
        usage.searched(filter, result);
        return result;
    }

    /** One page of the memories matching the filter; VERY_NEGATIVE ones are left out unless {@code includeVeryNegative}. */
    public Page<MemoryRecord> list(Filter filter, int page, int pageSize, boolean showExpired, boolean includeVeryNegative) {
        Tenant tenant = caller.tenant();
        return engine.list(ListRequest.of(tenant, feedbackFilter(tenant, filter, includeVeryNegative)).page(page, pageSize)
                .withShowExpired(showExpired));
    }

    /**
     * The client's filter, and unless {@code includeVeryNegative} the exclusion of the tenant's VERY_NEGATIVE memories:
     * a NIN on the memory id from the {@link FeedbackCache}, evaluated inside the index like the rest of the filter.
     */
    private Filter feedbackFilter(Tenant tenant, Filter filter, boolean includeVeryNegative) {
        if (includeVeryNegative) return filter;
        Filter exclude = feedback.of(tenant).withoutVeryNegative();
        if (exclude instanceof Filter.All) return filter;
        return Filter.and(filter == null ? Filter.ALL : filter, exclude);
    }

    public MemoryRecord get(String memoryId) {
        return engine.get(caller.tenant(), WireValues.memoryId(memoryId)).orElseThrow(MemoryService::notFound);
    }

    /** Applies the edit; a null edit (no body) is rejected. */
    public MemoryRecord update(String memoryId, MemoryEdit body) {
        if (body == null) throw new ValidationException("Give at least one of text, metadata, timestamp or expiration_date");
        UUID id = WireValues.memoryId(memoryId);
        String text = body.text();
        Map<String, Object> metadata = json.metadata(body.metadata());
        Instant timestamp = WireValues.timestamp(body.timestamp(), "timestamp");
        boolean clearExpiration = body.expirationDate() != null && body.expirationDate().isNull();
        LocalDate expiration = null;
        if (body.expirationDate() != null && !body.expirationDate().isNull()) {
            if (!body.expirationDate().isTextual()) throw new ValidationException("expiration_date must be a date like 2025-12-31 or null");
            expiration = WireValues.date(body.expirationDate().asText(), "expiration_date");
        }
        MemoryRecord updated = engine.update(new UpdateRequest(caller.tenant(), id, text, metadata, timestamp, expiration, clearExpiration));
        webhooks.updated(caller.tenant(), List.of(updated));
        return updated;
    }

    /**
     * Deletes the memory; with {@code linked} also the memories it superseded, transitively (found by their
     * {@code replaced_by}). Returns how many linked memories were deleted besides it.
     */
    public int delete(String memoryId, boolean linked) {
        Tenant tenant = caller.tenant();
        UUID id = WireValues.memoryId(memoryId);
        engine.get(tenant, id).orElseThrow(MemoryService::notFound);
        List<UUID> chain = linked ? supersededChain(tenant, id) : List.of();
        List<UUID> ids = new ArrayList<>(List.of(id));
        for (UUID older : chain) if (engine.get(tenant, older).isPresent()) ids.add(older);
        deleted(tenant, engine.deleteAll(tenant, ids)); // one operation: all of them or none
        return ids.size() - 1;
    }

    /**
     * Memories that {@code id} replaced, directly or through intermediates. Reads the tenant's records once (the store has
     * no index on {@code replaced_by}); only {@code delete_linked} pays for it.
     */
    private List<UUID> supersededChain(Tenant tenant, UUID id) {
        Map<UUID, List<UUID>> replacedBy = new HashMap<>();
        store.scan(tenant, m -> {
            if (m.state() == MemoryState.SUPERSEDED && m.replacedBy() != null) {
                replacedBy.computeIfAbsent(m.replacedBy(), k -> new ArrayList<>()).add(m.id());
            }
        });
        Set<UUID> out = new LinkedHashSet<>();
        Deque<UUID> todo = new ArrayDeque<>(List.of(id));
        while (!todo.isEmpty()) {
            for (UUID older : replacedBy.getOrDefault(todo.pop(), List.of())) {
                if (out.add(older)) todo.push(older);
            }
        }
        return List.copyOf(out);
    }

    /** Deletes every memory matching the filter; returns how many. */
    public int deleteAll(Filter filter) {
        return deleteMatching(caller.tenant(), filter);
    }

    /**
     * Deletes what matches, queues the deletes' webhook deliveries, drops their feedback and returns how many memories
     * (evidence excluded).
     */
    int deleteMatching(Tenant tenant, Filter filter) {
        List<MemoryRecord> deleted = engine.deleteMatching(tenant, filter);
        deleted(tenant, deleted);
        return (int) deleted.stream().filter(m -> m.state() != MemoryState.EVIDENCE).count();
    }

    /** What follows every delete: the webhook deliveries, and the memories' feedback dropped with them. */
    private void deleted(Tenant tenant, List<MemoryRecord> deleted) {
        webhooks.deleted(tenant, deleted);
        feedbackWrites.forget(tenant, deleted.stream().map(MemoryRecord::id).toList());
    }

    public History history(String memoryId) {
        Tenant tenant = caller.tenant();
        UUID id = WireValues.memoryId(memoryId);
        MemoryRecord m = store.get(tenant, id).orElseThrow(MemoryService::notFound);
        return new History(m, engine.history(tenant, id));
    }

    /** Updates every item or none: all ids are checked before the first change. {@code items} may be null or hold nulls (rejected). */
    public int batchUpdate(List<BatchItem> items) {
        checkBatch(items);
        Tenant tenant = caller.tenant();
        List<UpdateRequest> updates = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            BatchItem item = items.get(i);
            UUID id = WireValues.memoryId(item.memoryId());
            engine.get(tenant, id).orElseThrow(() -> new NotFoundException("Memory not found: " + id));
            if (item.text() == null && item.metadata() == null) throw new ValidationException("Each batch item needs text or metadata");
            String text = item.text() == null ? null : CleanText.required(item.text(), "memories[" + i + "].text");
            updates.add(new UpdateRequest(tenant, id, text, json.metadata(item.metadata()), null, null, false));
        }
        webhooks.updated(tenant, engine.updateAll(updates));
        return updates.size();
    }

    /** Deletes every listed memory, or none when one of them does not exist. */
    public int batchDelete(List<BatchItem> items) {
        checkBatch(items);
        Tenant tenant = caller.tenant();
        Set<UUID> ids = new LinkedHashSet<>();
        for (BatchItem item : items) {
            UUID id = WireValues.memoryId(item.memoryId());
            engine.get(tenant, id).orElseThrow(() -> new NotFoundException("Memory not found: " + id));
            ids.add(id);
        }
        deleted(tenant, engine.deleteAll(tenant, ids));
        return ids.size();
    }

    private void checkBatch(List<BatchItem> items) {
        if (items == null || items.isEmpty()) throw new ValidationException("memories must be a non-empty list");
        if (items.size() > limits.batchItems()) {
            throw new ValidationException("A batch holds at most " + limits.batchItems() + " memories, not " + items.size());
        }
        for (BatchItem item : items) {
            if (item == null) throw new ValidationException("memories must hold {\"memory_id\": …} objects");
        }
    }

    static NotFoundException notFound() {
        return new NotFoundException("Memory not found!");
    }
}
