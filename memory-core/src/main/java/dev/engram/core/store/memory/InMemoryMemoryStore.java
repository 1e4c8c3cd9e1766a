package dev.engram.core.store.memory;

import dev.engram.core.domain.EntityCount;
import dev.engram.core.domain.HistoryEntry;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.Tenant;
import dev.engram.core.error.StorageException;
import dev.engram.core.spi.MemoryStore;
import dev.engram.core.store.StoredRecords;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link MemoryStore} held in memory: for ephemeral use and tests. Thread-safe; a write is atomic (it is checked in
 * full before anything changes) and visible to readers all at once.
 *
 * <p>It keeps values exactly as the SQL stores return them ({@link StoredRecords#normalize}), so code tested against it
 * sees the same values as in production.
 */
public final class InMemoryMemoryStore implements MemoryStore {

    /** One tenant's data; only touched under the store's lock. */
    private static final class TenantData {
        final Map<UUID, MemoryRecord> records = new LinkedHashMap<>();
        final Map<UUID, List<HistoryEntry>> history = new HashMap<>();
        final Set<UUID> historyIds = new HashSet<>();
    }

    private static final Comparator<HistoryEntry> OLDEST_FIRST = Comparator.comparing(HistoryEntry::at);
    /** The order the SQL store lists tenants in. */
    private static final Comparator<Tenant> BY_ORG_AND_PROJECT = Comparator.comparing(Tenant::orgId).thenComparing(Tenant::projectId);

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<Tenant, TenantData> tenants = new LinkedHashMap<>();
    private volatile boolean closed;

    @Override
    public void write(Tenant tenant, List<MemoryRecord> records, List<HistoryEntry> history, Runnable beforeCommit) {
        java.util.Objects.requireNonNull(beforeCommit, "beforeCommit");
        Set<UUID> referenced = StoredRecords.checkWrite(tenant, records, history);
        List<MemoryRecord> stored = records.stream().map(StoredRecords::normalize).toList();
        List<HistoryEntry> entries = history.stream().map(StoredRecords::normalize).toList();
        lock.writeLock().lock();
        try {
            ensureOpen();
            TenantData existing = tenants.get(tenant);
            for (UUID memoryId : referenced) {
                if (existing == null || !existing.records.containsKey(memoryId)) throw StoredRecords.unknownMemory(tenant, memoryId);
            }
            Set<UUID> newHistoryIds = new HashSet<>();
            for (HistoryEntry entry : entries) {
                if ((existing != null && existing.historyIds.contains(entry.id())) || !newHistoryIds.add(entry.id())) {
                    throw new StorageException("History entry " + entry.id() + " already exists in tenant " + tenant.key(), null);
                }
            }
            if (stored.isEmpty() && entries.isEmpty()) {
                beforeCommit.run();
                return;
            }
            // Under the write lock no reader sees the change before beforeCommit has run; when it throws, the
            // previous values come back.
            boolean created = !tenants.containsKey(tenant);
            TenantData data = tenants.computeIfAbsent(tenant, t -> new TenantData());
            Map<UUID, MemoryRecord> previous = new HashMap<>();
            for (MemoryRecord record : stored) {
                MemoryRecord before = data.records.put(record.id(), record);
                previous.putIfAbsent(record.id(), before);
            }
            for (HistoryEntry entry : entries) {
                data.history.computeIfAbsent(entry.memoryId(), id -> new ArrayList<>()).add(entry);
                data.historyIds.add(entry.id());
            }
            try {
                beforeCommit.run();
            } catch (RuntimeException | Error e) {
                for (var p : previous.entrySet()) {
                    if (p.getValue() == null) data.records.remove(p.getKey());
                    else data.records.put(p.getKey(), p.getValue());
                }
                for (HistoryEntry entry : entries) {
                    List<HistoryEntry> list = data.history.get(entry.memoryId());
                    list.remove(entry);
                    if (list.isEmpty()) data.history.remove(entry.memoryId());
                    data.historyIds.remove(entry.id());
                }
                if (created) tenants.remove(tenant);
                throw e;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public Optional<MemoryRecord> get(Tenant tenant, UUID id) {
        return read(tenant, data -> data == null ? Optional.empty() : Optional.ofNullable(data.records.get(id)));
    }

    @Override
    public Map<UUID, MemoryRecord> getAll(Tenant tenant, Collection<UUID> ids) {
        return read(tenant, data -> {
            Map<UUID, MemoryRecord> found = new LinkedHashMap<>();
            if (data != null) {
                for (UUID id : ids) {
                    MemoryRecord record = data.records.get(id);
                    if (record != null) found.put(id, record);
                }
            }
            return found;
        });
    }

    @Override
    public List<HistoryEntry> history(Tenant tenant, UUID memoryId) {
        return read(tenant, data -> {
            List<HistoryEntry> entries = data == null ? null : data.history.get(memoryId);
            if (entries == null) return List.of();
            List<HistoryEntry> sorted = new ArrayList<>(entries);
            sorted.sort(OLDEST_FIRST); // stable: entries with the same instant keep the order they were written in
            return List.copyOf(sorted);
        });
    }

    /** Visits a snapshot taken at the call, so {@code action} may itself use the store. */
    @Override
    public void scan(Tenant tenant, Consumer<MemoryRecord> action) {
        List<MemoryRecord> snapshot = read(tenant, data -> data == null ? List.of() : List.copyOf(data.records.values()));
        snapshot.forEach(action);
    }

    @Override
    public List<EntityCount> entities(Tenant tenant) {
        return read(tenant, data -> {
            Map<EntityCount.Kind, Map<String, EntityCount>> byKind = new EnumMap<>(EntityCount.Kind.class);
            if (data == null) return List.of();
            for (MemoryRecord m : data.records.values()) {
                if (m.state() != MemoryState.ACTIVE) continue;
                count(byKind, EntityCount.Kind.USER, m.scope().userId(), m);
                count(byKind, EntityCount.Kind.AGENT, m.scope().agentId(), m);
                count(byKind, EntityCount.Kind.APP, m.scope().appId(), m);
                count(byKind, EntityCount.Kind.RUN, m.scope().runId(), m);
            }
            return byKind.values().stream().flatMap(m -> m.values().stream()).toList();
        });
    }

    private static void count(Map<EntityCount.Kind, Map<String, EntityCount>> byKind, EntityCount.Kind kind, String id, MemoryRecord m) {
        if (id == null) return;
        byKind.computeIfAbsent(kind, k -> new HashMap<>()).merge(id, new EntityCount(kind, id, 1, m.createdAt(), m.updatedAt()),
                (a, b) -> new EntityCount(kind, id, a.memories() + 1, earliest(a.firstCreated(), b.firstCreated()),
                        latest(a.lastUpdated(), b.lastUpdated())));
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    @Override
    public List<Tenant> tenants() {
        lock.readLock().lock();
        try {
            ensureOpen();
            return tenants.entrySet().stream().filter(e -> !e.getValue().records.isEmpty()).map(Map.Entry::getKey)
                    .sorted(BY_ORG_AND_PROJECT).toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void purge(Tenant tenant, Collection<UUID> ids) {
        lock.writeLock().lock();
        try {
            ensureOpen();
            TenantData data = tenants.get(tenant);
            if (data == null) return;
            for (UUID id : ids) {
                data.records.remove(id);
                List<HistoryEntry> removed = data.history.remove(id);
                if (removed != null) removed.forEach(e -> data.historyIds.remove(e.id()));
            }
            if (data.records.isEmpty() && data.history.isEmpty()) tenants.remove(tenant);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void deleteTenant(Tenant tenant) {
        lock.writeLock().lock();
        try {
            ensureOpen();
            tenants.remove(tenant);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Drops all data; the store cannot be used afterwards. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            closed = true;
            tenants.clear();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private <T> T read(Tenant tenant, Function<TenantData, T> reader) {
        java.util.Objects.requireNonNull(tenant, "tenant");
        lock.readLock().lock();
        try {
            ensureOpen();
            return reader.apply(tenants.get(tenant));
        } finally {
            lock.readLock().unlock();
        }
    }

    private void ensureOpen() {
        if (closed) throw new IllegalStateException("The memory store is closed");
    }
}
