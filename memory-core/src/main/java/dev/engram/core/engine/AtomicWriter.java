package dev.engram.core.engine;

import dev.engram.core.domain.HistoryEntry;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.Tenant;
import dev.engram.core.error.EngramException;
import dev.engram.core.error.StorageException;
import dev.engram.core.spi.IndexEntry;
import dev.engram.core.spi.MemoryStore;
import dev.engram.core.spi.VectorIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Writes one operation to the store and the index, all or nothing. Everything is validated and embedded before it is
 * called. The store's transaction holds the index write: when the index write fails, the transaction rolls back; when
 * the commit fails after the index was written, the touched index entries are restored from the (unchanged) store.
 * A failure surfaces as {@link StorageException}. The index need not be durable on return (Lucene commits on an
 * interval): the store is, and {@link IndexRecovery} restores the index's uncommitted tail from it after a crash.
 */
final class AtomicWriter {

    private static final Logger LOG = LoggerFactory.getLogger(AtomicWriter.class);

    private final MemoryStore store;
    private final VectorIndex index;
    private final IndexRepair repair;

    AtomicWriter(MemoryStore store, VectorIndex index, IndexRepair repair) {
        this.store = store;
        this.index = index;
        this.repair = repair;
    }

    /**
     * Writes {@code records} and {@code history} to the store, {@code upserts} to the index and removes
     * {@code indexDeletes} from it, as one operation.
     */
    void write(Tenant tenant, List<MemoryRecord> records, List<HistoryEntry> history, List<IndexEntry> upserts,
               Collection<UUID> indexDeletes) {
        if (writeUnrefreshed(tenant, records, history, upserts, indexDeletes)) refresh(tenant);
    }

    /**
     * {@link #write} without the refresh that makes it searchable; true when the index was written (the caller then
     * {@link #refresh}es, once for several writes).
     */
    boolean writeUnrefreshed(Tenant tenant, List<MemoryRecord> records, List<HistoryEntry> history, List<IndexEntry> upserts,
                             Collection<UUID> indexDeletes) {
        if (records.isEmpty() && history.isEmpty() && upserts.isEmpty() && indexDeletes.isEmpty()) return false;
        boolean[] indexTouched = {false};
        try {
            store.write(tenant, records, history, () -> {
                indexTouched[0] = true;
                try {
                    index.apply(tenant, upserts, indexDeletes);
                } catch (EngramException | IllegalArgumentException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new StorageException("The vector index failed to write: " + e.getMessage(), e);
                }
            });
        } catch (RuntimeException e) {
            if (indexTouched[0]) restore(tenant, touched(records, upserts, indexDeletes), e);
            if (e instanceof EngramException || e instanceof IllegalArgumentException) throw e;
            throw new StorageException("The memory store failed to write: " + e.getMessage(), e);
        }
        return indexTouched[0];
    }

    /**
     * After the commit, so the store's single writer does not wait for it; the write stands whatever happens here.
     * {@code tenant} only names the write in the log.
     */
    void refresh(Tenant tenant) {
        try {
            index.refresh();
        } catch (RuntimeException e) {
            LOG.warn("A write of tenant {} is committed but the index could not be refreshed; it becomes searchable at the next refresh",
                    tenant.key(), e);
        }
    }

    private static Set<UUID> touched(List<MemoryRecord> records, List<IndexEntry> upserts, Collection<UUID> deletes) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (MemoryRecord r : records) ids.add(r.id());
        for (IndexEntry e : upserts) ids.add(e.record().id());
        ids.addAll(deletes);
        return ids;
    }

    /** The store is as it was before the write: bring the touched index entries back in line with it. */
    private void restore(Tenant tenant, Set<UUID> ids, RuntimeException cause) {
        try {
            repair.sync(tenant, ids);
            index.flush(); // an interval commit may have persisted the failed write: the restored entries must be durable too
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
            LOG.warn("Could not restore {} index entries of tenant {} after a failed write; the consistency check repairs them",
                    ids.size(), tenant.key(), e);
        }
    }
}
