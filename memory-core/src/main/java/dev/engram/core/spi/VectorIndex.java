package dev.engram.core.spi;

import dev.engram.core.domain.Tenant;
import dev.engram.core.filter.Filter;

import java.util.Collection;
import java.util.List;
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

    /** Inserts or replaces entries by memory id. Durable and visible to searches when it returns. */
    void upsert(Tenant tenant, List<IndexEntry> entries);

    /** Removes entries by memory id; unknown ids are ignored. */
    void delete(Tenant tenant, Collection<UUID> ids);

    /** Removes every entry of the tenant. */
    void deleteTenant(Tenant tenant);

    /** The best {@code query.k()} matches: kNN on the vector and, when hybrid, BM25 on the text, both under the filter. */
    List<IndexHit> search(Tenant tenant, IndexQuery query);

    /** Ids of the memories matching the filter, newest {@code createdAt} first (ties by id), from {@code offset}. */
    IndexPage list(Tenant tenant, Filter filter, int offset, int limit);

    /** How many memories of the tenant match the filter. */
    long count(Tenant tenant, Filter filter);

    @Override
    void close();
}
