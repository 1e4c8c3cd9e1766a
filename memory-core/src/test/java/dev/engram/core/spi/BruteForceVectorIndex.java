package dev.engram.core.spi;

import dev.engram.core.domain.Filter;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.Tenant;
import dev.engram.core.filter.FilterEvaluator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A brute-force {@link VectorIndex} for tests: exact cosine over every entry, filters through {@link FilterEvaluator},
 * and a crude keyword score (number of query words in the text). It exists to check the contract test itself.
 */
final class BruteForceVectorIndex implements VectorIndex {

    private final int dimension;
    private final Map<String, Map<UUID, IndexEntry>> byTenant = new HashMap<>();

    BruteForceVectorIndex(int dimension) {
        this.dimension = dimension;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public synchronized void upsert(Tenant tenant, List<IndexEntry> entries) {
        for (IndexEntry e : entries) {
            if (!e.record().tenant().equals(tenant)) throw new IllegalArgumentException("entry of another tenant");
        }
        for (IndexEntry e : entries) entries(tenant).put(e.record().id(), e);
    }

    @Override
    public synchronized void delete(Tenant tenant, Collection<UUID> ids) {
        ids.forEach(entries(tenant)::remove);
    }

    @Override
    public synchronized void deleteTenant(Tenant tenant) {
        byTenant.remove(tenant.key());
    }

    @Override
    public synchronized List<IndexHit> search(Tenant tenant, IndexQuery query) {
        List<IndexEntry> matching = entries(tenant).values().stream()
                .filter(e -> FilterEvaluator.matches(e.record(), query.filter())).toList();
        Map<UUID, IndexHit> hits = new LinkedHashMap<>();
        matching.stream().sorted(Comparator.comparingDouble((IndexEntry e) -> -cosine(query.vector(), e.vector())))
                .limit(query.k())
                .forEach(e -> hits.put(e.record().id(), new IndexHit(e.record().id(), cosine(query.vector(), e.vector()), 0)));
        if (query.hybrid() && query.text() != null && !query.text().isBlank()) {
            matching.stream().filter(e -> keyword(query.text(), e.record().text()) > 0)
                    .sorted(Comparator.comparingDouble((IndexEntry e) -> -keyword(query.text(), e.record().text())))
                    .limit(query.k())
                    .forEach(e -> hits.put(e.record().id(),
                            new IndexHit(e.record().id(), cosine(query.vector(), e.vector()), keyword(query.text(), e.record().text()))));
        }
        return new ArrayList<>(hits.values());
    }

    @Override
    public synchronized IndexPage list(Tenant tenant, Filter filter, int offset, int limit) {
        List<UUID> all = entries(tenant).values().stream().map(IndexEntry::record)
                .filter(r -> FilterEvaluator.matches(r, filter))
                .sorted(Comparator.comparing(MemoryRecord::createdAt).reversed().thenComparing(r -> r.id().toString()))
                .map(MemoryRecord::id).toList();
        return new IndexPage(all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + limit)), all.size());
    }

    @Override
    public synchronized long count(Tenant tenant, Filter filter) {
        return entries(tenant).values().stream().filter(e -> FilterEvaluator.matches(e.record(), filter)).count();
    }

    @Override
    public void close() {
    }

    private Map<UUID, IndexEntry> entries(Tenant tenant) {
        return byTenant.computeIfAbsent(tenant.key(), k -> new LinkedHashMap<>());
    }

    private static double keyword(String query, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        double score = 0;
        for (String word : query.toLowerCase(Locale.ROOT).split("\\W+")) {
            if (!word.isEmpty() && lower.contains(word)) score++;
        }
        return score;
    }

    private static double cosine(float[] a, float[] b) {
        return AbstractVectorIndexContractTest.cosine(a, b);
    }
}
