package dev.engram.platform.store.postgres;

import dev.engram.core.domain.EntityCount;
import dev.engram.core.domain.HistoryEntry;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.Tenant;
import dev.engram.core.spi.MemoryStore;
import dev.engram.core.store.StoredRecords;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The {@link MemoryStore} on PostgreSQL through Hibernate ORM with Panache, for the Quarkus apps. The schema comes from
 * Flyway ({@code db/postgresql}); Hibernate only validates it.
 *
 * <p>Tenant isolation: every query goes through {@link TenantScoped} ({@code repository.of(tenant)}), which adds the
 * tenant's ids to its condition; rows are written with the tenant's ids as the first columns of their key, after
 * {@link StoredRecords#checkWrite} has refused records of another tenant. Each method runs in a transaction of its own
 * ({@link Transactions}), so a {@link #write} is all or nothing and committed on return.
 */
// Injectable by its class only: the app's backend producer is the one place that chooses which store a port gets.
@ApplicationScoped
@jakarta.enterprise.inject.Typed(PanacheMemoryStore.class)
public class PanacheMemoryStore implements MemoryStore {

    /** Records read per transaction by {@link #scan}. */
    static final int SCAN_PAGE_SIZE = 500;

    /** The {@link MemoryEntity} field of each entity kind. */
    private static final Map<EntityCount.Kind, String> ENTITY_FIELDS = Map.of(EntityCount.Kind.USER, "userId",
            EntityCount.Kind.AGENT, "agentId", EntityCount.Kind.APP, "appId", EntityCount.Kind.RUN, "runId");

    private final MemoryRepository memories;
    private final HistoryRepository history;

    @Inject
    public PanacheMemoryStore(MemoryRepository memories, HistoryRepository history) {
        this.memories = memories;
        this.history = history;
    }

    @Override
    public void write(Tenant tenant, List<MemoryRecord> records, List<HistoryEntry> entries, Runnable beforeCommit) {
        Objects.requireNonNull(beforeCommit, "beforeCommit");
        Set<UUID> referenced = StoredRecords.checkWrite(tenant, records, entries);
        if (records.isEmpty() && entries.isEmpty()) {
            beforeCommit.run();
            return;
        }
        Transactions.inNew("write memories", () -> {
            if (!referenced.isEmpty()) {
                Set<UUID> existing = new HashSet<>(ids(memories.of(tenant).find("id in :ids", Map.of("ids", referenced)).list()));
                for (UUID id : referenced) {
                    if (!existing.contains(id)) throw StoredRecords.unknownMemory(tenant, id);
                }
            }
            for (MemoryRecord record : records) {
                memories.getEntityManager().merge(MemoryEntity.of(tenant, StoredRecords.truncateTimes(record)));
            }
            for (HistoryEntry entry : entries) history.persist(HistoryEntity.of(tenant, StoredRecords.normalize(entry)));
            // Inside the transaction, so a constraint violation is reported by this write, not by the commit.
            memories.flush();
            beforeCommit.run();
        });
    }

    @Override
    public Optional<MemoryRecord> get(Tenant tenant, UUID id) {
        Objects.requireNonNull(id, "id");
        return Optional.ofNullable(getAll(tenant, List.of(id)).get(id));
    }

    @Override
    public Map<UUID, MemoryRecord> getAll(Tenant tenant, Collection<UUID> ids) {
        Set<UUID> distinct = new LinkedHashSet<>(ids);
        Map<UUID, MemoryRecord> found = new LinkedHashMap<>();
        if (distinct.isEmpty()) return found;
        Map<UUID, MemoryRecord> byId = Transactions.inNew("read memories", () -> {
            Map<UUID, MemoryRecord> rows = new LinkedHashMap<>();
            for (MemoryEntity row : memories.of(tenant).find("id in :ids", Map.of("ids", distinct)).list()) {
                rows.put(row.id(), row.toRecord());
            }
            return rows;
        });
        for (UUID id : distinct) { // in the order asked for
            MemoryRecord record = byId.get(id);
            if (record != null) found.put(id, record);
        }
        return found;
    }

    @Override
    public List<HistoryEntry> history(Tenant tenant, UUID memoryId) {
        Objects.requireNonNull(memoryId, "memoryId");
        return Transactions.inNew("read history", () -> history.of(tenant)
                .find("memoryId = :memoryId", Sort.by("at").and("seq"), Map.of("memoryId", memoryId))
                .list().stream().map(HistoryEntity::toEntry).toList());
    }

    /**
     * Reads the tenant's records a page at a time in id order, each page in its own transaction, and calls
     * {@code action} outside of it, so {@code action} may use the store. A record written during the scan may or may
     * not be visited.
     */
    @Override
    public void scan(Tenant tenant, Consumer<MemoryRecord> action) {
        UUID after = null;
        while (true) {
            UUID from = after;
            List<MemoryRecord> page = Transactions.inNew("scan memories", () -> memories.of(tenant)
                    .find(from == null ? null : "id > :after", Sort.by("id"), from == null ? Map.of() : Map.of("after", from))
                    .page(0, SCAN_PAGE_SIZE).list().stream().map(MemoryEntity::toRecord).toList());
            page.forEach(action);
            if (page.size() < SCAN_PAGE_SIZE) return;
            after = page.getLast().id();
        }
    }

    /** One grouped query per entity kind, in one transaction. */
    @Override
    public List<EntityCount> entities(Tenant tenant) {
        return Transactions.inNew("count entities", () -> {
            List<EntityCount> entities = new ArrayList<>();
            for (var kind : ENTITY_FIELDS.entrySet()) {
                String field = kind.getValue();
                for (Object[] row : memories.of(tenant).select("select " + field + ", count(*), min(createdAt), max(updatedAt) from MemoryEntity",
                        "state = :state and " + field + " is not null", "group by " + field, Object[].class,
                        Map.of("state", MemoryState.ACTIVE.name()))) {
                    entities.add(new EntityCount(kind.getKey(), (String) row[0], ((Number) row[1]).longValue(), (Instant) row[2], (Instant) row[3]));
                }
            }
            return entities;
        });
    }

    @Override
    public List<Tenant> tenants() {
        return Transactions.inNew("list tenants", memories::tenants);
    }

    @Override
    public void purge(Tenant tenant, Collection<UUID> ids) {
        Set<UUID> distinct = new LinkedHashSet<>(ids);
        if (distinct.isEmpty()) return;
        Transactions.inNew("purge memories", () -> {
            history.of(tenant).delete("memoryId in :ids", Map.of("ids", distinct));
            memories.of(tenant).delete("id in :ids", Map.of("ids", distinct));
        });
    }

    @Override
    public void deleteTenant(Tenant tenant) {
        Transactions.inNew("delete tenant", () -> {
            history.of(tenant).delete(null, Map.of());
            memories.of(tenant).delete(null, Map.of());
        });
    }

    /** The data source belongs to the application: nothing to close. */
    @Override
    public void close() {
    }

    private static List<UUID> ids(List<MemoryEntity> rows) {
        return rows.stream().map(MemoryEntity::id).toList();
    }
}
