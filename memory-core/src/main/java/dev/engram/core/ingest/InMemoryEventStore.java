package dev.engram.core.ingest;

import dev.engram.core.domain.MemoryEvent;
import dev.engram.core.domain.Page;
import dev.engram.core.domain.Tenant;
import dev.engram.core.domain.TokenUsage;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * An {@link EventStore} in this process's memory (embedded use, tests). Thread-safe: each transition is one atomic
 * {@code compute} on the event's entry. Every operation reaches a tenant's events only through {@link #events(Tenant)}.
 */
public final class InMemoryEventStore implements EventStore {

    private static final Comparator<EventRecord> NEWEST_FIRST =
            Comparator.comparing(EventRecord::createdAt).reversed().thenComparing(EventRecord::id);

    private final Map<Tenant, Map<String, EventRecord>> byTenant = new ConcurrentHashMap<>();

    @Override
    public void created(Tenant tenant, String id, String type, String payload, Instant at) {
        EventRecord record = EventTransitions.pending(tenant, id, type, payload, at);
        events(tenant).putIfAbsent(id, record);
    }

    @Override
    public boolean started(Tenant tenant, String id, Instant at) {
        Objects.requireNonNull(id, "id");
        boolean[] started = {false};
        events(tenant).computeIfPresent(id, (key, current) -> {
            Optional<EventRecord> next = EventTransitions.start(current, at);
            started[0] = next.isPresent();
            return next.orElse(current);
        });
        return started[0];
    }

    @Override
    public void succeeded(Tenant tenant, String id, List<MemoryEvent> results, TokenUsage usage, Instant at) {
        update(tenant, id, current -> EventTransitions.succeed(current, results, usage, at));
    }

    @Override
    public void failed(Tenant tenant, String id, String error, Instant at) {
        update(tenant, id, current -> EventTransitions.fail(current, error, at).orElse(current));
    }

    @Override
    public int deleteTenant(Tenant tenant, Instant at) {
        Map<String, EventRecord> removed = byTenant.remove(Objects.requireNonNull(tenant, "tenant"));
        if (removed == null) return 0;
        for (EventRecord e : removed.values()) {
            if (EventTransitions.cancelledOnDeletion(e)) events(tenant).put(e.id(), EventTransitions.cancel(e, at));
        }
        return removed.size();
    }

    @Override
    public Optional<EventRecord> get(Tenant tenant, String id) {
        Objects.requireNonNull(id, "id");
        return Optional.ofNullable(events(tenant).get(id));
    }

    @Override
    public Page<EventRecord> list(Tenant tenant, int page, int pageSize) {
        EventPaging.check(page, pageSize);
        List<EventRecord> all = events(tenant).values().stream().sorted(NEWEST_FIRST).toList();
        long offset = (long) (page - 1) * pageSize;
        List<EventRecord> items = offset >= all.size() ? List.of()
                : all.subList((int) offset, (int) Math.min(all.size(), offset + pageSize));
        return new Page<>(items, all.size(), page, pageSize);
    }

    /** The one way to a tenant's events. */
    private Map<String, EventRecord> events(Tenant tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return byTenant.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>());
    }

    private void update(Tenant tenant, String id, UnaryOperator<EventRecord> transition) {
        Objects.requireNonNull(id, "id");
        EventRecord updated = events(tenant).computeIfPresent(id, (key, current) -> transition.apply(current));
        if (updated == null) throw EventPaging.unknownEvent(id);
    }
}
