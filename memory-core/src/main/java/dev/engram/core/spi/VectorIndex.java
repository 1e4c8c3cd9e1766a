package dev.engram.core.spi;

import dev.engram.core.domain.Filter;
import dev.engram.core.domain.Tenant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The vector (and keyword) index. Implementations: Lucene (embedded, default) and Qdrant (at scale).
 *
 * <p>Tenant isolation: every method takes the tenant, and each implementation applies it in exactly one place (its
 * query builder), so no query can leave it out. Writes reject entries whose record belongs to another tenant.
 *
 * <p>Filters are evaluated inside the search with the semantics of {@link dev.engram.core.filter.FilterEvaluator}.
 */
public interface VectorIndex extends AutoCloseable {

    /** The dimension of the vectors this index holds (fixed when it was created). */
    int dimension();

    /**
     * Inserts or replaces entries by memory id. Visible to searches when it returns; durable when it returns or, for an
     * index that commits on an interval (Lucene), recoverable from the store: see {@link #recoveryPoint()}.
     */
    void upsert(Tenant tenant, List<IndexEntry> entries);

    /** Removes entries by memory id; unknown ids are ignored. */
    void delete(Tenant tenant, Collection<UUID> ids);

    /** Removes every entry of the tenant. */
    void deleteTenant(Tenant tenant);

    /** The best {@code query.k()} matches: kNN on the vector and, when hybrid, BM25 on the text, both under the filter. */
    List<IndexHit> search(Tenant tenant, IndexQuery query);

    /**
     * {@link #search} for each query, in order, over one view of the index. An implementation may share work between
     * queries with the same filter (the default: one search after the other).
     */
    default List<List<IndexHit>> searchEach(Tenant tenant, List<IndexQuery> queries) {
        List<List<IndexHit>> out = new ArrayList<>(queries.size());
        for (IndexQuery q : queries) out.add(search(tenant, q));
        return out;
    }

    /** Ids of the memories matching the filter, newest {@code createdAt} first (ties by id), from {@code offset}. */
    IndexPage list(Tenant tenant, Filter filter, int offset, int limit);

    /** How many memories of the tenant match the filter. */
    long count(Tenant tenant, Filter filter);

    /**
     * Upserts then deletes, like {@link #upsert} and {@link #delete}, but visible to searches only once {@link #refresh()}
     * returns (the default: at once). The engine applies a write inside the store's transaction and refreshes after its
     * commit, so the transaction does not wait for the refresh.
     */
    default void apply(Tenant tenant, List<IndexEntry> upserts, Collection<UUID> deletes) {
        if (!upserts.isEmpty()) upsert(tenant, upserts);
        if (!deletes.isEmpty()) delete(tenant, deletes);
    }

    /** Makes every write so far visible to searches (the default: each already is). */
    default void refresh() {
    }

    /**
     * Where the store's changes may be missing from this index because it was not closed cleanly: store changes made at
     * or after this instant (the last durable index commit; {@link Instant#EPOCH} when unknown, i.e. check everything)
     * must be compared with the index before it is trusted. Empty when the index is known to be in line with the store
     * (the default: an index whose every write is durable when it returns). The engine re-checks at start, then calls
     * {@link #recovered()}.
     */
    default Optional<Instant> recoveryPoint() {
        return Optional.empty();
    }

    /** The engine brought the index in line with the store from {@link #recoveryPoint()}: make that durable. */
    default void recovered() {
    }

    /** Makes every write so far durable (the default: each write already is when it returns). */
    default void flush() {
    }

    @Override
    void close();
}
