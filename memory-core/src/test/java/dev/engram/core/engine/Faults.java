package dev.engram.core.engine;

import dev.engram.core.domain.EntityCount;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.HistoryEntry;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.Tenant;
import dev.engram.core.error.StorageException;
import dev.engram.core.spi.IndexEntry;
import dev.engram.core.spi.IndexHit;
import dev.engram.core.spi.IndexPage;
import dev.engram.core.spi.IndexQuery;
import dev.engram.core.spi.MemoryStore;
import dev.engram.core.spi.VectorIndex;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/** A store and an index that break one step of a write on demand, and say whether they did. */
final class Faults {

    /** The step of a write that fails. */
    enum Step {
        /** The store refuses the write before anything is written. */
        STORE_WRITE,
        /** The index fails to add or replace entries. */
        INDEX_UPSERT,
        /** The index fails to remove entries. */
        INDEX_DELETE,
        /** The store's commit fails after the index was written. */
        STORE_COMMIT
    }

    private Step armed;
    private boolean triggered;

    void arm(Step step) {
        armed = step;
        triggered = false;
    }

    void disarm() {
        armed = null;
    }

    boolean triggered() {
        return triggered;
    }

    private void maybeFail(Step step) {
        if (armed == step) {
            triggered = true;
            armed = null;
            throw new StorageException("injected failure at " + step, null);
        }
    }

    MemoryStore store(MemoryStore delegate) {
        return new MemoryStore() {
            @Override
            public void write(Tenant tenant, List<MemoryRecord> records, List<HistoryEntry> history, Runnable beforeCommit) {
                maybeFail(Step.STORE_WRITE);
                delegate.write(tenant, records, history, () -> {
                    beforeCommit.run();
                    maybeFail(Step.STORE_COMMIT);
                });
            }

            @Override
            public Optional<MemoryRecord> get(Tenant tenant, UUID id) {
                return delegate.get(tenant, id);
            }

            @Override
            public Map<UUID, MemoryRecord> getAll(Tenant tenant, Collection<UUID> ids) {
                return delegate.getAll(tenant, ids);
            }

            @Override
            public List<EntityCount> entities(Tenant tenant) {
                return delegate.entities(tenant);
            }

            @Override
            public List<HistoryEntry> history(Tenant tenant, UUID memoryId) {
                return delegate.history(tenant, memoryId);
            }

            @Override
            public void scan(Tenant tenant, Consumer<MemoryRecord> action) {
                delegate.scan(tenant, action);
            }

            @Override
            public List<Tenant> tenants() {
                return delegate.tenants();
            }

            @Override
            public void purge(Tenant tenant, Collection<UUID> ids) {
                delegate.purge(tenant, ids);
            }

            @Override
            public void deleteTenant(Tenant tenant) {
                delegate.deleteTenant(tenant);
            }

            @Override
            public void close() {
                delegate.close();
            }
        };
    }

    VectorIndex index(VectorIndex delegate) {
        return new VectorIndex() {
            @Override
            public int dimension() {
                return delegate.dimension();
            }

            @Override
            public void upsert(Tenant tenant, List<IndexEntry> entries) {
                maybeFail(Step.INDEX_UPSERT);
                delegate.upsert(tenant, entries);
            }

            @Override
            public void delete(Tenant tenant, Collection<UUID> ids) {
                maybeFail(Step.INDEX_DELETE);
                delegate.delete(tenant, ids);
            }

            @Override
            public void deleteTenant(Tenant tenant) {
                delegate.deleteTenant(tenant);
            }

            @Override
            public List<IndexHit> search(Tenant tenant, IndexQuery query) {
                return delegate.search(tenant, query);
            }

            @Override
            public IndexPage list(Tenant tenant, Filter filter, int offset, int limit) {
                return delegate.list(tenant, filter, offset, limit);
            }

            @Override
            public long count(Tenant tenant, Filter filter) {
                return delegate.count(tenant, filter);
            }

            @Override
            public void close() {
                delegate.close();
            }
        };
    }
}
