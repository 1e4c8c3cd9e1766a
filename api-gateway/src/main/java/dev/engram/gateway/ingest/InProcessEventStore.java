package dev.engram.gateway.ingest;

import dev.engram.core.domain.MemoryEvent;
import dev.engram.core.domain.Page;
import dev.engram.core.domain.Tenant;
import dev.engram.core.domain.TokenUsage;
import dev.engram.core.ingest.EventRecord;
import dev.engram.core.ingest.EventStatus;
import dev.engram.core.ingest.EventStore;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Events kept in this process's memory, per tenant (the tenant's map is the one place isolation is applied). Used
 * until the durable JDBC event store of the ingest slice is wired in; events do not survive a restart.
 */
public final class InProcessEventStore implements EventStore {

    private final Map<Tenant, Map<String, EventRecord>> byTenant = new ConcurrentHashMap<>();

    private Map<String, EventRecord> of(Tenant tenant) {
        return byTenant.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>());
    }

    @Override
    public void created(Tenant tenant, String id, String type, String payload, Instant at) {
        of(tenant).putIfAbsent(id, new EventRecord(id, tenant, type, EventStatus.PENDING, payload, List.of(), TokenUsage.NONE, 0, null,
                at, at, null, null));
    }

    @Override
    public boolean started(Tenant tenant, String id, Instant at) {
        EventRecord r = of(tenant).computeIfPresent(id, (k, e) -> e.status() == EventStatus.SUCCEEDED ? e
                : new EventRecord(e.id(), e.tenant(), e.type(), EventStatus.RUNNING, e.payload(), e.results(), e.usage(), e.attempts() + 1,
                null, e.createdAt(), at, at, null));
        return r == null || r.status() != EventStatus.SUCCEEDED;
    }

    @Override
    public void succeeded(Tenant tenant, String id, List<MemoryEvent> results, TokenUsage usage, Instant at) {
        of(tenant).computeIfPresent(id, (k, e) -> new EventRecord(e.id(), e.tenant(), e.type(), EventStatus.SUCCEEDED, e.payload(), results,
                usage, e.attempts(), null, e.createdAt(), at, e.startedAt(), at));
    }

    @Override
    public void failed(Tenant tenant, String id, String error, Instant at) {
        of(tenant).computeIfPresent(id, (k, e) -> new EventRecord(e.id(), e.tenant(), e.type(), EventStatus.FAILED, e.payload(), e.results(),
                e.usage(), e.attempts(), error, e.createdAt(), at, e.startedAt(), at));
    }

    @Override
    public Optional<EventRecord> get(Tenant tenant, String id) {
        return Optional.ofNullable(of(tenant).get(id));
    }

    @Override
    public Page<EventRecord> list(Tenant tenant, int page, int pageSize) {
        List<EventRecord> all = of(tenant).values().stream()
                .sorted(Comparator.comparing(EventRecord::createdAt).reversed().thenComparing(EventRecord::id)).toList();
        int from = (int) Math.min((long) (page - 1) * pageSize, all.size());
        return new Page<>(all.subList(from, Math.min(from + pageSize, all.size())), all.size(), page, pageSize);
    }
}
