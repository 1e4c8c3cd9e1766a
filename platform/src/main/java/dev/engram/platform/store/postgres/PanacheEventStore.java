package dev.engram.platform.store.postgres;

import dev.engram.core.domain.MemoryEvent;
import dev.engram.core.domain.Page;
import dev.engram.core.domain.Tenant;
import dev.engram.core.domain.TokenUsage;
import dev.engram.core.error.StorageException;
import dev.engram.core.ingest.EventPaging;
import dev.engram.core.ingest.EventRecord;
import dev.engram.core.ingest.EventStatus;
import dev.engram.core.ingest.EventStore;
import dev.engram.core.ingest.EventTransitions;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@link EventStore} on PostgreSQL, next to the memories. Tenant isolation as in {@link PanacheMemoryStore}: every
 * query goes through {@link TenantScoped}. A transition locks the event's row ({@code SELECT … FOR UPDATE}), asks
 * {@link EventTransitions} for the next state and writes it, in one transaction, so concurrent deliveries of one event
 * are applied one after the other.
 */
// Injectable by its class only: the app's backend producer is the one place that chooses which store a port gets.
@ApplicationScoped
@jakarta.enterprise.inject.Typed(PanacheEventStore.class)
public class PanacheEventStore implements EventStore {

    private static final Sort NEWEST_FIRST = Sort.by("createdAt", Sort.Direction.Descending).and("id");

    private final EventRepository events;

    @Inject
    public PanacheEventStore(EventRepository events) {
        this.events = events;
    }

    @Override
    public void created(Tenant tenant, String id, String type, String payload, Instant at) {
        EventRecord record = EventTransitions.pending(tenant, id, type, payload, at);
        try {
            Transactions.inNew("record event " + id, () -> {
                if (find(tenant, id, LockModeType.NONE).isPresent()) return; // a retried enqueue: the first record stays
                events.persist(EventEntity.of(tenant, record));
                events.flush();
            });
        } catch (StorageException e) {
            if (!Transactions.isDuplicateKey(e)) throw e; // else a concurrent enqueue of the same event won
        }
    }

    @Override
    public boolean started(Tenant tenant, String id, Instant at) {
        return transition(tenant, id, false, current -> EventTransitions.start(current, at)).isPresent();
    }

    @Override
    public void succeeded(Tenant tenant, String id, List<MemoryEvent> results, TokenUsage usage, Instant at) {
        transition(tenant, id, true, current -> Optional.of(EventTransitions.succeed(current, results, usage, at)));
    }

    @Override
    public void failed(Tenant tenant, String id, String error, Instant at) {
        transition(tenant, id, true, current -> EventTransitions.fail(current, error, at));
    }

    @Override
    public Optional<EventRecord> get(Tenant tenant, String id) {
        Objects.requireNonNull(id, "id");
        return Transactions.inNew("read event " + id, () -> find(tenant, id, LockModeType.NONE).map(EventEntity::toRecord));
    }

    @Override
    public Page<EventRecord> list(Tenant tenant, int page, int pageSize) {
        EventPaging.check(page, pageSize);
        return Transactions.inNew("list events", () -> {
            TenantScoped<EventEntity> scoped = events.of(tenant);
            long total = scoped.count(null, Map.of());
            List<EventRecord> items = scoped.find(null, NEWEST_FIRST, Map.of()).page(page - 1, pageSize).list().stream()
                    .map(EventEntity::toRecord).toList();
            return new Page<>(items, total, page, pageSize);
        });
    }

    @Override
    public int deleteTenant(Tenant tenant, Instant at) {
        return Transactions.inNew("delete the tenant's events", () -> {
            // The rows a deletion cancels are changed in place; every other row is deleted.
            String cancelled = "status in :unfinished or (status = :failed and error = :cancelled)";
            Map<String, Object> parameters = Map.of("unfinished", List.of(EventStatus.PENDING.name(), EventStatus.RUNNING.name()),
                    "failed", EventStatus.FAILED.name(), "cancelled", EventTransitions.PROJECT_DELETED);
            List<EventEntity> kept = events.of(tenant).find(cancelled, parameters).withLock(LockModeType.PESSIMISTIC_WRITE).list();
            for (EventEntity row : kept) row.apply(EventTransitions.cancel(row.toRecord(), at));
            return kept.size() + (int) events.of(tenant).delete("not (" + cancelled + ")", parameters);
        });
    }

    /**
     * Locks the event's row, computes the next record and writes it, in one transaction.
     *
     * @param mustExist throw {@link dev.engram.core.error.NotFoundException} when the tenant has no such event
     * @return the record written; empty when the event does not exist or the transition left it as it was
     */
    private Optional<EventRecord> transition(Tenant tenant, String id, boolean mustExist,
                                             Function<EventRecord, Optional<EventRecord>> next) {
        Objects.requireNonNull(id, "id");
        return Transactions.inNew("update event " + id, () -> {
            Optional<EventEntity> row = find(tenant, id, LockModeType.PESSIMISTIC_WRITE);
            if (row.isEmpty()) {
                if (mustExist) throw EventPaging.unknownEvent(id);
                return Optional.empty();
            }
            Optional<EventRecord> written = next.apply(row.get().toRecord());
            written.ifPresent(row.get()::apply);
            return written;
        });
    }

    private Optional<EventEntity> find(Tenant tenant, String id, LockModeType lock) {
        return events.of(tenant).find("id = :id", Map.of("id", id)).withLock(lock).singleResultOptional();
    }
}
