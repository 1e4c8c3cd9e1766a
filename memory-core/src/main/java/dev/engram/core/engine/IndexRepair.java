package dev.engram.core.engine;

import dev.engram.core.domain.Field;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Tenant;
import dev.engram.core.spi.IndexEntry;
import dev.engram.core.spi.IndexPage;
import dev.engram.core.spi.MemoryStore;
import dev.engram.core.spi.VectorIndex;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Brings the index in line with the store, the system of record: a memory that is active or superseded in the store has
 * an index entry with its text and state; nothing else has one.
 */
public final class IndexRepair {

    /** Memories compared per index query. */
    static final int BATCH = 64;
    private static final int PAGE = 1000;

    private final MemoryStore store;
    private final VectorIndex index;
    private final Embedder embedder;
    private final RetrievalSettings retrieval;

    public IndexRepair(MemoryStore store, VectorIndex index, Embedder embedder, RetrievalSettings retrieval) {
        this.store = store;
        this.index = index;
        this.embedder = embedder;
        this.retrieval = retrieval;
    }

    /** Rewrites the index entries of {@code ids} from the store: re-embedded when the memory is live, removed otherwise. */
    public int sync(Tenant tenant, Collection<UUID> ids) {
        Set<UUID> distinct = new LinkedHashSet<>(ids);
        if (distinct.isEmpty()) return 0;
        Map<UUID, MemoryRecord> records = store.getAll(tenant, distinct);
        List<MemoryRecord> live = new ArrayList<>();
        List<UUID> gone = new ArrayList<>();
        for (UUID id : distinct) {
            MemoryRecord r = records.get(id);
            if (r != null && r.state() != MemoryState.DELETED) live.add(r);
            else gone.add(id);
        }
        if (!live.isEmpty()) index.upsert(tenant, entries(live));
        if (!gone.isEmpty()) index.delete(tenant, gone);
        return distinct.size();
    }

    /** The records with their vectors, embedded in one batch as the index holds them (an evidence message by its head). */
    List<IndexEntry> entries(List<MemoryRecord> records) {
        List<float[]> vectors = embedder.embedAll(records.stream().map(m -> Evidence.indexedText(m, retrieval)).toList());
        List<IndexEntry> entries = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) entries.add(new IndexEntry(records.get(i), vectors.get(i)));
        return entries;
    }

    /** Compares the tenant's store and index; with {@code repair}, rewrites every entry found missing, stale or orphaned. */
    public ConsistencyReport check(Tenant tenant, boolean repair) {
        Set<UUID> live = new HashSet<>();
        Set<UUID> missing = new LinkedHashSet<>();
        Set<UUID> stale = new LinkedHashSet<>();
        List<MemoryRecord> pending = new ArrayList<>(BATCH);
        store.scan(tenant, m -> {
            if (m.state() == MemoryState.DELETED) return;
            live.add(m.id());
            pending.add(m);
            if (pending.size() == BATCH) {
                compare(tenant, pending, missing, stale);
                pending.clear();
            }
        });
        compare(tenant, pending, missing, stale);

        Set<UUID> orphans = new LinkedHashSet<>();
        long indexEntries = 0;
        for (int offset = 0; ; offset += PAGE) {
            IndexPage page = index.list(tenant, Filter.ALL, offset, PAGE);
            indexEntries += page.ids().size();
            for (UUID id : page.ids()) if (!live.contains(id)) orphans.add(id);
            if (page.ids().size() < PAGE) break;
        }
        int repaired = 0;
        if (repair) {
            Set<UUID> fix = new LinkedHashSet<>(missing);
            fix.addAll(stale);
            fix.addAll(orphans);
            List<UUID> all = new ArrayList<>(fix);
            for (int i = 0; i < all.size(); i += 256) repaired += sync(tenant, all.subList(i, Math.min(all.size(), i + 256)));
        }
        return new ConsistencyReport(live.size(), indexEntries, missing.size(), orphans.size(), stale.size(), repaired);
    }

    /**
     * The crash check of {@link IndexRecovery}: compares only the tenant's memories changed at or after {@code since}
     * (their id, text, state and {@code updatedAt} must match an index entry; a deleted one must have none) and repairs
     * what differs. When the tenant's index entries then do not number its live memories, something older differs too
     * (an orphan, an entry lost with a tenant reindex): falls back to the full {@link #check(Tenant, boolean)}.
     */
    public ConsistencyReport repairChangedSince(Tenant tenant, java.time.Instant since) {
        long[] live = {0};
        Set<UUID> missing = new LinkedHashSet<>();
        Set<UUID> stale = new LinkedHashSet<>();
        Set<UUID> deleted = new LinkedHashSet<>();
        List<MemoryRecord> pending = new ArrayList<>(BATCH);
        store.scan(tenant, m -> {
            boolean recent = m.updatedAt() == null || !m.updatedAt().isBefore(since);
            if (m.state() == MemoryState.DELETED) {
                if (recent) deleted.add(m.id());
                return;
            }
            live[0]++;
            if (!recent) return;
            pending.add(m);
            if (pending.size() == BATCH) {
                compare(tenant, pending, missing, stale, true);
                pending.clear();
            }
        });
        compare(tenant, pending, missing, stale, true);
        Set<UUID> fix = new LinkedHashSet<>(missing);
        fix.addAll(stale);
        fix.addAll(deleted); // removing an absent entry is a no-op
        List<UUID> all = new ArrayList<>(fix);
        int repaired = 0;
        for (int i = 0; i < all.size(); i += 256) repaired += sync(tenant, all.subList(i, Math.min(all.size(), i + 256)));
        long entries = index.count(tenant, Filter.ALL);
        if (entries != live[0]) {
            ConsistencyReport full = check(tenant, true);
            return new ConsistencyReport(full.storeRecords(), full.indexEntries(), full.missingFromIndex() + missing.size(),
                    full.orphansInIndex(), full.stale() + stale.size(), full.repaired() + repaired);
        }
        return new ConsistencyReport(live[0], entries, missing.size(), 0, stale.size(), repaired);
    }

    private void compare(Tenant tenant, List<MemoryRecord> batch, Set<UUID> missing, Set<UUID> stale) {
        compare(tenant, batch, missing, stale, false);
    }

    /**
     * Sorts the batch's memories into present and matching, missing, or present with another text or state ({@code strict}:
     * or another {@code updatedAt}).
     */
    private void compare(Tenant tenant, List<MemoryRecord> batch, Set<UUID> missing, Set<UUID> stale, boolean strict) {
        if (batch.isEmpty()) return;
        List<String> ids = batch.stream().map(m -> m.id().toString()).toList();
        Set<UUID> present = new HashSet<>(index.list(tenant, Filter.in(Field.MEMORY_ID, ids), 0, batch.size()).ids());
        List<Filter> exact = new ArrayList<>(batch.size());
        for (MemoryRecord m : batch) {
            if (!present.contains(m.id())) continue;
            Filter same = Filter.and(Filter.eq(Field.MEMORY_ID, m.id().toString()), Filter.eq(Field.TEXT, m.text()),
                    Filter.eq(Field.STATE, m.state().name()));
            exact.add(strict && m.updatedAt() != null ? Filter.and(same, Filter.eq(Field.UPDATED_AT, m.updatedAt())) : same);
        }
        Set<UUID> matching = exact.isEmpty() ? Set.of()
                : new HashSet<>(index.list(tenant, Filter.or(exact.toArray(Filter[]::new)), 0, batch.size()).ids());
        for (MemoryRecord m : batch) {
            if (!present.contains(m.id())) missing.add(m.id());
            else if (!matching.contains(m.id())) stale.add(m.id());
        }
    }
}
