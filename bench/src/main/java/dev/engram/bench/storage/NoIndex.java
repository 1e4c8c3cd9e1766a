package dev.engram.bench.storage;

import dev.engram.core.domain.Filter;
import dev.engram.core.domain.Tenant;
import dev.engram.core.spi.IndexEntry;
import dev.engram.core.spi.IndexHit;
import dev.engram.core.spi.IndexPage;
import dev.engram.core.spi.IndexQuery;
import dev.engram.core.spi.VectorIndex;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * A vector index that keeps nothing and finds nothing, for {@code StorageBenchmark --index none}: the engine's writes
 * to the system of record are the same, without the index's cost per add (a Lucene near-real-time reader reopened on
 * every add dominates a sequential verbatim add). Never for anything but measuring the store.
 */
public final class NoIndex implements VectorIndex {

    private final int dimension;

    public NoIndex(int dimension) {
        this.dimension = dimension;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public void upsert(Tenant tenant, List<IndexEntry> entries) {
    }

    @Override
    public void delete(Tenant tenant, Collection<UUID> ids) {
    }

    @Override
    public void deleteTenant(Tenant tenant) {
    }

    @Override
    public List<IndexHit> search(Tenant tenant, IndexQuery query) {
        return List.of();
    }

    @Override
    public IndexPage list(Tenant tenant, Filter filter, int offset, int limit) {
        return new IndexPage(List.of(), 0);
    }

    @Override
    public long count(Tenant tenant, Filter filter) {
        return 0;
    }

    @Override
    public void close() {
    }
}
