package dev.engram.core.spi;

import dev.engram.core.domain.Field;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Op;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.Tenant;
import dev.engram.core.filter.FilterEvaluator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The contract every {@link VectorIndex} implementation passes. A subclass supplies a fresh, empty index per test
 * through {@link #createIndex(int)}; this class closes it after each test.
 *
 * <p>What the contract pins down beyond the port's Javadoc:
 * <ul>
 *   <li>Entries are keyed by (tenant, memory id): the same memory id in two tenants is two independent entries.</li>
 *   <li>{@code semantic} is the true cosine between the query vector and the stored vector, for every hit.</li>
 *   <li>Without hybrid a search returns at most {@code k} hits. With hybrid, each side (kNN, keyword) contributes at
 *       most {@code k} candidates and the result is their union (at most {@code 2k}); the engine fuses and trims.</li>
 *   <li>{@link VectorIndex#list} orders by {@code createdAt} descending, then by the memory id's string form ascending.</li>
 *   <li>Every filter selects exactly what {@link FilterEvaluator#matches} accepts (checked on random filters).</li>
 * </ul>
 *
 * <p>The randomized oracle uses a seed printed in every assertion message; rerun a failure with
 * {@code -Dengram.contract.seed=<seed>}. Texts, category names and string metadata values come from a vocabulary in
 * which no word is a substring of another, and CONTAINS/ICONTAINS values are single whole words, so token-based
 * full-text backends can implement substring filters exactly on this data.
 *
 * <p>Hooks a backend may override where it legitimately differs: {@link #semanticTolerance()},
 * {@link #oracleRecordCount()} and {@link #oracleFilterCount()}.
 */
public abstract class AbstractVectorIndexContractTest {

    protected static final int DIMENSION = 8;
    protected static final Tenant TENANT_A = Tenant.of("org-a", "project");
    protected static final Tenant TENANT_B = Tenant.of("org-b", "project");
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    /** No word is a substring of another (checked by {@link #vocabularyHasNoSubstringPairs()}). */
    protected static final List<String> VOCABULARY = List.of(
            "amber", "birch", "cobalt", "dune", "ember", "fjord", "garnet", "harbor", "indigo", "jasper", "kelp",
            "lotus", "maple", "nectar", "onyx", "prism", "quartz", "raven", "sable", "tundra", "violet", "willow",
            "xenon", "yarrow", "zephyr");

    protected VectorIndex index;

    /** A fresh, empty index holding vectors of {@code dimension}. */
    protected abstract VectorIndex createIndex(int dimension);

    /** Allowed difference between a hit's {@code semantic} and the true cosine. */
    protected double semanticTolerance() {
        return 1e-4;
    }

    /** How many records the randomized oracle writes to tenant A (tenant B gets a fifth as many decoys). */
    protected int oracleRecordCount() {
        return 300;
    }

    /** How many random filters the randomized oracle checks. */
    protected int oracleFilterCount() {
        return 200;
    }

    @BeforeEach
    void openIndex() {
        index = createIndex(DIMENSION);
    }

    @AfterEach
    void closeIndex() {
        if (index != null) index.close();
    }

    // ---------------------------------------------------------------- basic operations

    @Test
    void reportsItsDimension() {
        assertThat(index.dimension()).isEqualTo(DIMENSION);
    }

    @Test
    void searchReturnsNearestFirstWithTrueCosine() {
        float[] query = unit(0);
        List<IndexEntry> entries = new ArrayList<>();
        float[][] vectors = {
                vec(1, 0, 0, 0, 0, 0, 0, 0),          // cos 1
                vec(1, 1, 0, 0, 0, 0, 0, 0),          // cos 0.707
                vec(1, 3, 0, 0, 0, 0, 0, 0),          // cos 0.316
                vec(0, 1, 0, 0, 0, 0, 0, 0),          // cos 0
                vec(-1, 0.5f, 0, 0, 0, 0, 0, 0),      // cos -0.894
                vec(2, 1, 1, 0, 0, 0, 0, 0)};         // cos 0.816 (not normalized on purpose)
        for (int i = 0; i < vectors.length; i++) {
            entries.add(new IndexEntry(record(TENANT_A, UUID.randomUUID(), Scope.user("u1"), "entry " + VOCABULARY.get(i), T0), vectors[i]));
        }
        index.upsert(TENANT_A, entries);

        List<IndexHit> hits = index.search(TENANT_A, new IndexQuery(query, null, Filter.ALL, 4, false));

        List<UUID> expectedOrder = entries.stream()
                .sorted(Comparator.comparingDouble((IndexEntry e) -> -cosine(query, e.vector())))
                .limit(4).map(e -> e.record().id()).toList();
        assertThat(hits).extracting(IndexHit::id).containsExactlyElementsOf(expectedOrder);
        Map<UUID, float[]> byId = vectorsById(entries);
        for (IndexHit hit : hits) {
            assertThat(hit.semantic()).isCloseTo(cosine(query, byId.get(hit.id())), within(semanticTolerance()));
            assertThat(hit.keyword()).isZero();
        }
    }

    @Test
    void upsertOfSameIdReplacesTextVectorAndFields() {
        UUID id = UUID.randomUUID();
        index.upsert(TENANT_A, List.of(new IndexEntry(
                record(TENANT_A, id, Scope.user("u1"), "amber birch", T0).withCategories(List.of("cobalt")), unit(0))));
        index.upsert(TENANT_A, List.of(new IndexEntry(
                record(TENANT_A, id, Scope.user("u2"), "garnet harbor", T0.plusSeconds(5)).withCategories(List.of("indigo")), unit(1))));

        assertThat(index.count(TENANT_A, Filter.ALL)).isEqualTo(1);
        assertThat(index.count(TENANT_A, Filter.eq(Field.USER_ID, "u1"))).isZero();
        assertThat(index.count(TENANT_A, Filter.eq(Field.USER_ID, "u2"))).isEqualTo(1);
        assertThat(index.count(TENANT_A, Filter.eq(Field.CATEGORIES, "cobalt"))).isZero();
        assertThat(index.count(TENANT_A, Filter.eq(Field.CATEGORIES, "indigo"))).isEqualTo(1);
        assertThat(index.count(TENANT_A, contains(Field.TEXT, "amber"))).isZero();
        assertThat(index.count(TENANT_A, contains(Field.TEXT, "garnet"))).isEqualTo(1);
        assertThat(index.count(TENANT_A, new Filter.Compare(Field.CREATED_AT, Op.EQ, T0.plusSeconds(5)))).isEqualTo(1);

        List<IndexHit> hits = index.search(TENANT_A, new IndexQuery(unit(1), null, Filter.ALL, 5, false));
        assertThat(hits).singleElement().satisfies(h -> {
            assertThat(h.id()).isEqualTo(id);
            assertThat(h.semantic()).isCloseTo(1.0, within(semanticTolerance()));
        });
        List<IndexHit> oldWord = index.search(TENANT_A, new IndexQuery(unit(1), "amber", Filter.ALL, 5, true));
        assertThat(oldWord).allSatisfy(h -> assertThat(h.keyword()).isZero());
        List<IndexHit> newWord = index.search(TENANT_A, new IndexQuery(unit(1), "garnet", Filter.ALL, 5, true));
        assertThat(newWord).singleElement().satisfies(h -> assertThat(h.keyword()).isPositive());
    }

    @Test
    void deleteRemovesOnlyTheGivenIdsAndIgnoresUnknownOnes() {
        List<IndexEntry> entries = entries(TENANT_A, 5, "u1");
        index.upsert(TENANT_A, entries);
        UUID gone1 = entries.get(0).record().id();
        UUID gone2 = entries.get(3).record().id();

        index.delete(TENANT_A, List.of(gone1, gone2, UUID.randomUUID()));

        assertThat(index.count(TENANT_A, Filter.ALL)).isEqualTo(3);
        assertThat(index.list(TENANT_A, Filter.ALL, 0, 10).ids()).doesNotContain(gone1, gone2).hasSize(3);
        assertThat(index.search(TENANT_A, new IndexQuery(entries.get(0).vector(), null, Filter.ALL, 10, false)))
                .extracting(IndexHit::id).doesNotContain(gone1, gone2).hasSize(3);
        index.delete(TENANT_A, List.of());
        assertThat(index.count(TENANT_A, Filter.ALL)).isEqualTo(3);
    }

    @Test
    void deleteTenantRemovesEverythingOfThatTenantOnly() {
        index.upsert(TENANT_A, entries(TENANT_A, 4, "u1"));
        index.upsert(TENANT_B, entries(TENANT_B, 3, "u1"));

        index.deleteTenant(TENANT_A);

        assertThat(index.count(TENANT_A, Filter.ALL)).isZero();
        assertThat(index.search(TENANT_A, new IndexQuery(unit(0), "amber", Filter.ALL, 10, true))).isEmpty();
        assertThat(index.count(TENANT_B, Filter.ALL)).isEqualTo(3);
        assertThat(index.search(TENANT_B, new IndexQuery(unit(0), null, Filter.ALL, 10, false))).hasSize(3);
    }

    @Test
    void writesAreVisibleAsSoonAsUpsertReturns() {
        Random rnd = new Random(7);
        for (int i = 0; i < 15; i++) {
            float[] v = randomVector(rnd);
            UUID id = UUID.randomUUID();
            index.upsert(TENANT_A, List.of(new IndexEntry(record(TENANT_A, id, Scope.user("u1"), "note " + i, T0.plusSeconds(i)), v)));
            assertThat(index.count(TENANT_A, Filter.ALL)).isEqualTo(i + 1);
            assertThat(index.list(TENANT_A, Filter.ALL, 0, 1).ids()).containsExactly(id);
            assertThat(index.search(TENANT_A, new IndexQuery(v, null, Filter.eq(Field.MEMORY_ID, id.toString()), 1, false)))
                    .extracting(IndexHit::id).containsExactly(id);
        }
        UUID first = index.list(TENANT_A, Filter.ALL, 14, 1).ids().get(0);
        index.delete(TENANT_A, List.of(first));
        assertThat(index.count(TENANT_A, Filter.eq(Field.MEMORY_ID, first.toString()))).isZero();
    }

    // ---------------------------------------------------------------- tenant isolation

    @Test
    void tenantsWithIdenticalContentNeverSeeEachOther() {
        // Same memory ids, user ids, texts and vectors in both tenants; B has two more entries.
        List<IndexEntry> inA = entries(TENANT_A, 3, "shared-user");
        List<IndexEntry> inB = new ArrayList<>();
        for (IndexEntry e : inA) inB.add(new IndexEntry(inTenant(e.record(), TENANT_B), e.vector()));
        // B's own entries get vectors unlike the shared ones, so a k=1 search below has no tie to break.
        List<IndexEntry> onlyB = entries(TENANT_B, 5, "shared-user").subList(3, 5);
        inB.addAll(onlyB);
        index.upsert(TENANT_A, inA);
        index.upsert(TENANT_B, inB);
        Set<UUID> idsA = inA.stream().map(e -> e.record().id()).collect(Collectors.toSet());
        Set<UUID> idsOnlyB = onlyB.stream().map(e -> e.record().id()).collect(Collectors.toSet());
        Filter user = Filter.eq(Field.USER_ID, "shared-user");

        assertThat(index.count(TENANT_A, user)).isEqualTo(3);
        assertThat(index.count(TENANT_B, user)).isEqualTo(5);
        assertThat(index.list(TENANT_A, user, 0, 100).ids()).containsExactlyInAnyOrderElementsOf(idsA);
        assertThat(index.list(TENANT_A, user, 0, 100).total()).isEqualTo(3);
        assertThat(index.search(TENANT_A, new IndexQuery(onlyB.get(0).vector(), "amber birch cobalt", user, 10, true)))
                .extracting(IndexHit::id).hasSize(3).allMatch(idsA::contains);
        for (UUID id : idsOnlyB) {
            assertThat(index.count(TENANT_A, Filter.eq(Field.MEMORY_ID, id.toString()))).isZero();
        }

        // Deleting a shared id in A leaves B's entry of the same id.
        UUID sharedId = inA.get(0).record().id();
        index.delete(TENANT_A, List.of(sharedId));
        assertThat(index.count(TENANT_A, Filter.ALL)).isEqualTo(2);
        assertThat(index.count(TENANT_B, Filter.eq(Field.MEMORY_ID, sharedId.toString()))).isEqualTo(1);
        assertThat(index.search(TENANT_B, new IndexQuery(inA.get(0).vector(), null, Filter.ALL, 1, false)))
                .extracting(IndexHit::id).containsExactly(sharedId);

        // Deleting B's entries by id (including ids A also has) leaves A alone.
        index.delete(TENANT_B, idsA);
        assertThat(index.count(TENANT_A, Filter.ALL)).isEqualTo(2);
        assertThat(index.count(TENANT_B, Filter.ALL)).isEqualTo(2);

        index.deleteTenant(TENANT_B);
        assertThat(index.count(TENANT_A, Filter.ALL)).isEqualTo(2);
        assertThat(index.count(TENANT_B, Filter.ALL)).isZero();
    }

    @Test
    void upsertRejectsEntriesOfAnotherTenantAndWritesNothing() {
        IndexEntry own = entries(TENANT_A, 1, "u1").get(0);
        IndexEntry foreign = entries(TENANT_B, 1, "u1").get(0);

        assertThatThrownBy(() -> index.upsert(TENANT_A, List.of(own, foreign))).isInstanceOf(IllegalArgumentException.class);

        assertThat(index.count(TENANT_A, Filter.ALL)).isZero();
        assertThat(index.count(TENANT_B, Filter.ALL)).isZero();
    }

    // ---------------------------------------------------------------- scopes and filters in search

    @Test
    void scopeFiltersSelectExactlyTheirEntities() {
        Tenant t = TENANT_A;
        record Row(String name, Scope scope) {
        }
        List<Row> rows = List.of(
                new Row("u1", new Scope(t, "u1", null, null, null)),
                new Row("u1-a1", new Scope(t, "u1", "a1", null, null)),
                new Row("u1-a1-r1", new Scope(t, "u1", "a1", "r1", null)),
                new Row("u1-r2", new Scope(t, "u1", null, "r2", null)),
                new Row("u2-a1", new Scope(t, "u2", "a1", null, null)),
                new Row("a1", new Scope(t, null, "a1", null, null)),
                new Row("a2-app1", new Scope(t, null, "a2", null, "app1")),
                new Row("u2-app1-r1", new Scope(t, "u2", null, "r1", "app1")));
        Map<String, UUID> ids = new LinkedHashMap<>();
        List<IndexEntry> entries = new ArrayList<>();
        Random rnd = new Random(11);
        for (Row row : rows) {
            UUID id = UUID.randomUUID();
            ids.put(row.name(), id);
            entries.add(new IndexEntry(record(t, id, row.scope(), "fact about " + row.name(), T0), randomVector(rnd)));
        }
        index.upsert(t, entries);

        assertScope(Filter.eq(Field.USER_ID, "u1"), ids, "u1", "u1-a1", "u1-a1-r1", "u1-r2");
        assertScope(Filter.and(Filter.eq(Field.USER_ID, "u1"), Filter.eq(Field.AGENT_ID, "a1")), ids, "u1-a1", "u1-a1-r1");
        assertScope(Filter.eq(Field.AGENT_ID, "a1"), ids, "u1-a1", "u1-a1-r1", "u2-a1", "a1");
        assertScope(Filter.eq(Field.RUN_ID, "r1"), ids, "u1-a1-r1", "u2-app1-r1");
        assertScope(Filter.and(Filter.eq(Field.USER_ID, "u1"), Filter.eq(Field.RUN_ID, "r2")), ids, "u1-r2");
        assertScope(Filter.eq(Field.APP_ID, "app1"), ids, "a2-app1", "u2-app1-r1");
        assertScope(Filter.and(Filter.eq(Field.APP_ID, "app1"), Filter.eq(Field.AGENT_ID, "a2")), ids, "a2-app1");
        assertScope(Filter.and(Filter.eq(Field.USER_ID, "u2"), Filter.eq(Field.AGENT_ID, "a2")), ids);
        assertScope(new Filter.Compare(Field.AGENT_ID, Op.NE, "a1"), ids, "u1", "u1-r2", "a2-app1", "u2-app1-r1");
        assertScope(Filter.and(Filter.eq(Field.USER_ID, "u1"), Filter.not(new Filter.Compare(Field.AGENT_ID, Op.EXISTS, null))),
                ids, "u1", "u1-r2");
    }

    private void assertScope(Filter filter, Map<String, UUID> ids, String... expectedNames) {
        Set<UUID> expected = Arrays.stream(expectedNames).map(ids::get).collect(Collectors.toSet());
        assertThat(index.count(TENANT_A, filter)).as("count %s", filter).isEqualTo(expected.size());
        assertThat(index.list(TENANT_A, filter, 0, 100).ids()).as("list %s", filter).containsExactlyInAnyOrderElementsOf(expected);
        List<IndexHit> hits = index.search(TENANT_A, new IndexQuery(unit(2), null, filter, 100, false));
        assertThat(hits).as("search %s", filter).extracting(IndexHit::id).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void filterIsAppliedInsideTheSearchNotAfterIt() {
        Random rnd = new Random(3);
        float[] query = unit(0);
        List<IndexEntry> entries = new ArrayList<>();
        Set<UUID> farthest = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            boolean target = i % 100 == 42;
            float[] v = target ? jitter(vec(-1, 0, 0, 0, 0, 0, 0, 0), rnd, 0.05f) : jitter(query, rnd, 0.3f);
            UUID id = UUID.randomUUID();
            if (target) farthest.add(id);
            entries.add(new IndexEntry(record(TENANT_A, id, Scope.user(target ? "target" : "crowd"), "entry " + i, T0.plusSeconds(i)), v));
        }
        index.upsert(TENANT_A, entries);

        List<IndexHit> hits = index.search(TENANT_A, new IndexQuery(query, null, Filter.eq(Field.USER_ID, "target"), 3, false));

        assertThat(hits).extracting(IndexHit::id).containsExactlyInAnyOrderElementsOf(farthest);
        Map<UUID, float[]> byId = vectorsById(entries);
        assertThat(hits).allSatisfy(h -> assertThat(h.semantic()).isCloseTo(cosine(query, byId.get(h.id())), within(semanticTolerance())));
        List<IndexHit> hybrid = index.search(TENANT_A, new IndexQuery(query, "entry", Filter.eq(Field.USER_ID, "target"), 3, true));
        assertThat(hybrid).extracting(IndexHit::id).containsExactlyInAnyOrderElementsOf(farthest);
    }

    // ---------------------------------------------------------------- listing

    @Test
    void listIsNewestFirstThenByIdWithExactTotals() {
        List<IndexEntry> entries = new ArrayList<>();
        Random rnd = new Random(5);
        // 12 entries over 5 distinct creation times, so ties must be broken by id.
        for (int i = 0; i < 12; i++) {
            Instant created = T0.plusSeconds((i * 7L) % 5);
            String user = i % 3 == 0 ? "u2" : "u1";
            entries.add(new IndexEntry(record(TENANT_A, UUID.randomUUID(), Scope.user(user), "entry " + i, created), randomVector(rnd)));
        }
        index.upsert(TENANT_A, entries);
        Comparator<MemoryRecord> order = Comparator.comparing(MemoryRecord::createdAt).reversed()
                .thenComparing(r -> r.id().toString());
        List<UUID> expected = entries.stream().map(IndexEntry::record).sorted(order).map(MemoryRecord::id).toList();

        IndexPage all = index.list(TENANT_A, Filter.ALL, 0, 100);
        assertThat(all.ids()).containsExactlyElementsOf(expected);
        assertThat(all.total()).isEqualTo(12);

        List<UUID> paged = new ArrayList<>();
        for (int offset = 0; offset < 12; offset += 5) {
            IndexPage page = index.list(TENANT_A, Filter.ALL, offset, 5);
            assertThat(page.total()).isEqualTo(12);
            paged.addAll(page.ids());
        }
        assertThat(paged).containsExactlyElementsOf(expected);
        assertThat(index.list(TENANT_A, Filter.ALL, 12, 5).ids()).isEmpty();
        assertThat(index.list(TENANT_A, Filter.ALL, 40, 5).total()).isEqualTo(12);

        Filter u2 = Filter.eq(Field.USER_ID, "u2");
        List<UUID> expectedU2 = entries.stream().map(IndexEntry::record).filter(r -> "u2".equals(r.scope().userId()))
                .sorted(order).map(MemoryRecord::id).toList();
        IndexPage u2Page = index.list(TENANT_A, u2, 1, 2);
        assertThat(u2Page.ids()).containsExactlyElementsOf(expectedU2.subList(1, 3));
        assertThat(u2Page.total()).isEqualTo(expectedU2.size());
        assertThat(index.count(TENANT_A, u2)).isEqualTo(expectedU2.size());
    }

    // ---------------------------------------------------------------- hybrid

    @Test
    void hybridReturnsKeywordOnlyMatchWithItsTrueCosine() {
        Random rnd = new Random(9);
        float[] query = unit(0);
        List<IndexEntry> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            entries.add(new IndexEntry(record(TENANT_A, UUID.randomUUID(), Scope.user("u1"), "amber birch " + VOCABULARY.get(i + 2), T0),
                    jitter(query, rnd, 0.2f)));
        }
        UUID keywordOnly = UUID.randomUUID();
        float[] far = vec(-1, 0.2f, 0, 0, 0.1f, 0, 0, 0);
        entries.add(new IndexEntry(record(TENANT_A, keywordOnly, Scope.user("u1"), "the zephyr blew over the tundra", T0), far));
        index.upsert(TENANT_A, entries);
        Map<UUID, float[]> byId = vectorsById(entries);

        List<IndexHit> hybrid = index.search(TENANT_A, new IndexQuery(query, "zephyr", Filter.ALL, 3, true));

        assertThat(hybrid).extracting(IndexHit::id).contains(keywordOnly);
        assertThat(hybrid.size()).isBetween(4, 6);
        for (IndexHit hit : hybrid) {
            assertThat(hit.semantic()).isCloseTo(cosine(query, byId.get(hit.id())), within(semanticTolerance()));
            if (hit.id().equals(keywordOnly)) assertThat(hit.keyword()).isPositive();
            else assertThat(hit.keyword()).isZero();
        }

        List<IndexHit> vectorOnly = index.search(TENANT_A, new IndexQuery(query, "zephyr", Filter.ALL, 3, false));
        assertThat(vectorOnly).hasSize(3).extracting(IndexHit::id).doesNotContain(keywordOnly);
        assertThat(vectorOnly).allSatisfy(h -> assertThat(h.keyword()).isZero());

        List<IndexHit> filteredOut = index.search(TENANT_A,
                new IndexQuery(query, "zephyr", Filter.not(contains(Field.TEXT, "zephyr")), 3, true));
        assertThat(filteredOut).extracting(IndexHit::id).doesNotContain(keywordOnly);
    }

    // ---------------------------------------------------------------- randomized oracle

    @Test
    void vocabularyHasNoSubstringPairs() {
        for (String a : VOCABULARY) {
            for (String b : VOCABULARY) {
                if (!a.equals(b)) assertThat(a).as("vocabulary word inside another").doesNotContain(b);
            }
        }
    }

    @Test
    void randomFiltersSelectExactlyWhatTheEvaluatorAccepts() {
        long seed = Long.getLong("engram.contract.seed", System.nanoTime());
        Random rnd = new Random(seed);
        RandomData data = new RandomData(rnd);
        List<IndexEntry> inA = new ArrayList<>();
        for (int i = 0; i < oracleRecordCount(); i++) inA.add(new IndexEntry(data.record(TENANT_A), randomVector(rnd)));
        List<IndexEntry> decoys = new ArrayList<>();
        for (int i = 0; i < Math.max(1, oracleRecordCount() / 5); i++) decoys.add(new IndexEntry(data.record(TENANT_B), randomVector(rnd)));
        for (int from = 0; from < inA.size(); from += 100) index.upsert(TENANT_A, inA.subList(from, Math.min(inA.size(), from + 100)));
        index.upsert(TENANT_B, decoys);
        List<MemoryRecord> records = inA.stream().map(IndexEntry::record).toList();
        Comparator<MemoryRecord> order = Comparator.comparing(MemoryRecord::createdAt).reversed()
                .thenComparing(r -> r.id().toString());

        for (int i = 0; i < oracleFilterCount(); i++) {
            Filter filter = rnd.nextInt(40) == 0 ? Filter.ALL : data.filter(0);
            List<UUID> expected = records.stream().filter(r -> FilterEvaluator.matches(r, filter))
                    .sorted(order).map(MemoryRecord::id).toList();
            String what = "seed=" + seed + " filter #" + i + ": " + filter;

            assertThat(index.count(TENANT_A, filter)).as("count, %s", what).isEqualTo(expected.size());
            int pageSize = 20 + rnd.nextInt(130);
            List<UUID> listed = new ArrayList<>();
            for (int offset = 0; offset <= expected.size(); offset += pageSize) {
                IndexPage page = index.list(TENANT_A, filter, offset, pageSize);
                assertThat(page.total()).as("total, %s", what).isEqualTo(expected.size());
                listed.addAll(page.ids());
            }
            assertThat(listed).as("list, %s", what).containsExactlyElementsOf(expected);

            if (i % 4 == 0) {
                float[] query = randomVector(rnd);
                int k = 1 + rnd.nextInt(12);
                List<IndexHit> hits = index.search(TENANT_A, new IndexQuery(query, null, filter, k, false));
                assertThat(hits).as("search hits, %s", what).hasSize(Math.min(k, expected.size()));
                assertThat(hits).as("search hits match the filter, %s", what).extracting(IndexHit::id).allMatch(Set.copyOf(expected)::contains);
            }
        }
    }

    @Test
    void searchEachGivesWhatEachSearchGives() {
        long seed = Long.getLong("engram.contract.seed", System.nanoTime());
        Random rnd = new Random(seed);
        RandomData data = new RandomData(rnd);
        List<IndexEntry> inA = new ArrayList<>();
        for (int i = 0; i < 150; i++) inA.add(new IndexEntry(data.record(TENANT_A), randomVector(rnd)));
        index.upsert(TENANT_A, inA);
        index.upsert(TENANT_B, List.of(new IndexEntry(data.record(TENANT_B), randomVector(rnd))));
        // Queries sharing a filter (what the add path sends: every fact under the scope's filter) and others between them.
        List<Filter> filters = List.of(data.filter(0), data.filter(0), Filter.ALL);
        List<IndexQuery> queries = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            queries.add(new IndexQuery(randomVector(rnd), VOCABULARY.get(rnd.nextInt(VOCABULARY.size())), filters.get(i % filters.size()),
                    i == 5 ? 0 : 1 + rnd.nextInt(12), rnd.nextBoolean()));
        }
        List<List<IndexHit>> each = index.searchEach(TENANT_A, queries);
        assertThat(each).hasSize(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            assertThat(each.get(i)).as("seed=%d query #%d: %s", seed, i, queries.get(i).filter())
                    .isEqualTo(index.search(TENANT_A, queries.get(i)));
        }
        assertThat(each.get(5)).isEmpty();
        assertThat(index.searchEach(TENANT_A, List.of())).isEmpty();
    }

    /** Random records and filters drawn from the whole filter grammar, over small value pools so that filters hit. */
    private static final class RandomData {
        private static final List<String> USERS = List.of("u1", "u2", "u3", "u4");
        private static final List<String> AGENTS = List.of("a1", "a2", "a3");
        private static final List<String> RUNS = List.of("r1", "r2");
        private static final List<String> APPS = List.of("app1", "app2");
        private static final List<String> ACTORS = List.of("alice", "bob", "carol");
        private static final List<String> SLOTS = List.of("alice|location", "bob|employer", "alice|favorite:food");
        private static final List<String> METADATA_KEYS = List.of(
                "color", "priority", "score", "flag", "tags", "profile", "profile.level", "profile.team", "mixed", "note", "absent");
        private static final Field.Kind[] KINDS = Field.Kind.values();

        private final Random rnd;
        private final List<Instant> createdTimes = new ArrayList<>();
        private final List<Instant> updatedTimes = new ArrayList<>();
        private final List<Instant> eventTimes = new ArrayList<>();
        private final List<LocalDate> expirationDates = new ArrayList<>();
        private final List<UUID> ids = new ArrayList<>();

        RandomData(Random rnd) {
            this.rnd = rnd;
        }

        MemoryRecord record(Tenant tenant) {
            String user = maybe(USERS, 4);
            String agent = maybe(AGENTS, 2);
            // A scope needs at least one entity id: fall back to a user when the draw left all four out.
            String run = maybe(RUNS, 3);
            String app = maybe(APPS, 3);
            if (user == null && agent == null && run == null && app == null) user = pick(USERS);
            Scope scope = new Scope(tenant, user, agent, run, app);
            UUID id = UUID.randomUUID();
            ids.add(id);
            // Whole seconds on a coarse grid (ties) plus sometimes milliseconds.
            Instant created = T0.plus(rnd.nextInt(40) * 3600L, ChronoUnit.SECONDS).plusMillis(rnd.nextInt(3) == 0 ? rnd.nextInt(1000) : 0);
            Instant updated = created.plusSeconds(rnd.nextInt(5) * 1800L);
            Instant event = rnd.nextInt(3) == 0 ? null : T0.minus(rnd.nextInt(30), ChronoUnit.DAYS).plusSeconds(rnd.nextInt(86_400));
            LocalDate expiration = rnd.nextInt(3) == 0 ? null : LocalDate.of(2025, 3, 1).plusDays(rnd.nextInt(20) - 5);
            createdTimes.add(created);
            updatedTimes.add(updated);
            if (event != null) eventTimes.add(event);
            if (expiration != null) expirationDates.add(expiration);
            List<String> categories = new ArrayList<>();
            for (int i = rnd.nextInt(4); i > 0; i--) categories.add(word());
            return new MemoryRecord(id, scope, text(), null, rnd.nextInt(4) == 0 ? null : pick(ACTORS), "user", metadata(),
                    categories, created, updated, event, expiration, false, pick(Arrays.asList(MemoryState.values())), null, List.of(),
                    rnd.nextInt(3) == 0 ? null : pick(SLOTS));
        }

        private Map<String, Object> metadata() {
            Map<String, Object> m = new LinkedHashMap<>();
            if (rnd.nextInt(4) > 0) m.put("color", word());
            if (rnd.nextInt(4) > 0) m.put("priority", rnd.nextInt(6));
            if (rnd.nextInt(4) > 0) m.put("score", rnd.nextInt(20) / 4.0);
            if (rnd.nextInt(3) > 0) m.put("flag", rnd.nextBoolean());
            if (rnd.nextInt(3) > 0) {
                List<String> tags = new ArrayList<>();
                for (int i = rnd.nextInt(4); i > 0; i--) tags.add(word());
                m.put("tags", tags);
            }
            if (rnd.nextInt(2) == 0) {
                Map<String, Object> profile = new LinkedHashMap<>();
                if (rnd.nextInt(4) > 0) profile.put("level", rnd.nextInt(4));
                if (rnd.nextInt(4) > 0) profile.put("team", word());
                m.put("profile", profile);
            }
            switch (rnd.nextInt(4)) {
                case 0 -> m.put("mixed", word());
                case 1 -> m.put("mixed", rnd.nextInt(6));
                case 2 -> m.put("mixed", rnd.nextBoolean());
                default -> { }
            }
            if (rnd.nextInt(3) == 0) m.put("note", null);
            return m;
        }

        Filter filter(int depth) {
            if (depth < 3 && rnd.nextInt(3) == 0) {
                return switch (rnd.nextInt(3)) {
                    case 0 -> new Filter.And(children(depth));
                    case 1 -> new Filter.Or(children(depth));
                    default -> new Filter.Not(filter(depth + 1));
                };
            }
            return compare();
        }

        private List<Filter> children(int depth) {
            List<Filter> out = new ArrayList<>();
            for (int i = 2 + rnd.nextInt(2); i > 0; i--) out.add(filter(depth + 1));
            return out;
        }

        private Filter compare() {
            Field.Kind kind = rnd.nextInt(4) == 0 ? Field.Kind.METADATA : KINDS[rnd.nextInt(KINDS.length)];
            return switch (kind) {
                case USER_ID -> identity(Field.USER_ID, USERS);
                case AGENT_ID -> identity(Field.AGENT_ID, AGENTS);
                case RUN_ID -> identity(Field.RUN_ID, RUNS);
                case APP_ID -> identity(Field.APP_ID, APPS);
                case ACTOR -> identity(Field.ACTOR, ACTORS);
                case SLOT -> identity(Field.SLOT, SLOTS);
                case STATE -> identity(Field.STATE, Arrays.stream(MemoryState.values()).map(Enum::name).toList());
                case MEMORY_ID -> identity(Field.MEMORY_ID, List.of(pick(ids).toString(), pick(ids).toString(), UUID.randomUUID().toString()));
                case CREATED_AT -> time(Field.CREATED_AT, createdTimes);
                case UPDATED_AT -> time(Field.UPDATED_AT, updatedTimes);
                case EVENT_TIME -> time(Field.EVENT_TIME, rnd.nextBoolean() ? eventTimes : createdTimes);
                case EXPIRATION_DATE -> time(Field.EXPIRATION_DATE, expirationDates.stream().map(FilterEvaluator::startOfDay).toList());
                case TEXT -> rnd.nextBoolean()
                        ? new Filter.Compare(Field.TEXT, Op.CONTAINS, word())
                        : new Filter.Compare(Field.TEXT, Op.ICONTAINS, alterCase(word()));
                case CATEGORIES -> categories();
                case METADATA -> metadataFilter();
            };
        }

        private Filter identity(Field field, List<String> pool) {
            List<String> values = new ArrayList<>(pool);
            values.add("nobody");
            Op op = pick(List.of(Op.EQ, Op.NE, Op.IN, Op.NIN, Op.EXISTS));
            return switch (op) {
                case EXISTS -> new Filter.Compare(field, op, null);
                case IN, NIN -> new Filter.Compare(field, op, sample(values));
                default -> new Filter.Compare(field, op, pick(values));
            };
        }

        private Filter time(Field field, List<Instant> seen) {
            Op op = pick(List.of(Op.EQ, Op.NE, Op.IN, Op.NIN, Op.GT, Op.GTE, Op.LT, Op.LTE, Op.EXISTS));
            return switch (op) {
                case EXISTS -> new Filter.Compare(field, op, null);
                case IN, NIN -> {
                    List<Instant> values = new ArrayList<>();
                    for (int i = 1 + rnd.nextInt(3); i > 0; i--) values.add(instant(seen));
                    yield new Filter.Compare(field, op, values);
                }
                default -> new Filter.Compare(field, op, instant(seen));
            };
        }

        private Instant instant(List<Instant> seen) {
            if (!seen.isEmpty() && rnd.nextInt(3) > 0) return pick(seen);
            Instant base = T0.minus(35, ChronoUnit.DAYS);
            return base.plusSeconds(rnd.nextInt(60 * 86_400)).plusMillis(rnd.nextInt(1000));
        }

        private Filter categories() {
            Op op = pick(List.of(Op.EQ, Op.NE, Op.IN, Op.NIN, Op.CONTAINS, Op.EXISTS));
            return switch (op) {
                case EXISTS -> new Filter.Compare(Field.CATEGORIES, op, null);
                case IN, NIN -> new Filter.Compare(Field.CATEGORIES, op, sample(VOCABULARY));
                case CONTAINS -> new Filter.Compare(Field.CATEGORIES, op, rnd.nextBoolean() ? word() : alterCase(word()));
                default -> new Filter.Compare(Field.CATEGORIES, op, word());
            };
        }

        private Filter metadataFilter() {
            Field field = Field.metadata(pick(METADATA_KEYS));
            Op op = pick(Arrays.asList(Op.values()));
            return switch (op) {
                case EXISTS -> new Filter.Compare(field, op, null);
                case GT, GTE, LT, LTE -> new Filter.Compare(field, op, number());
                case CONTAINS -> new Filter.Compare(field, op, word());
                case ICONTAINS -> new Filter.Compare(field, op, alterCase(word()));
                case IN, NIN -> {
                    List<Object> values = new ArrayList<>();
                    for (int i = 1 + rnd.nextInt(3); i > 0; i--) values.add(scalar());
                    yield new Filter.Compare(field, op, values);
                }
                case EQ, NE -> new Filter.Compare(field, op, scalar());
            };
        }

        /** A metadata value as the parser produces it: String, Double or Boolean. */
        private Object scalar() {
            return switch (rnd.nextInt(3)) {
                case 0 -> word();
                case 1 -> number();
                default -> rnd.nextBoolean();
            };
        }

        private Double number() {
            return rnd.nextBoolean() ? (double) rnd.nextInt(7) : rnd.nextInt(22) / 4.0 - 0.25;
        }

        private String text() {
            StringBuilder sb = new StringBuilder();
            for (int i = 2 + rnd.nextInt(6); i > 0; i--) {
                if (!sb.isEmpty()) sb.append(rnd.nextInt(6) == 0 ? ", " : " ");
                sb.append(word());
            }
            return sb.toString();
        }

        private String word() {
            return pick(VOCABULARY);
        }

        private String alterCase(String word) {
            StringBuilder sb = new StringBuilder();
            for (char c : word.toCharArray()) sb.append(rnd.nextBoolean() ? Character.toUpperCase(c) : c);
            return sb.toString();
        }

        private <T> T pick(List<T> values) {
            return values.get(rnd.nextInt(values.size()));
        }

        private String maybe(List<String> values, int oneIn) {
            return rnd.nextInt(oneIn) == 0 ? null : pick(values);
        }

        private <T> List<T> sample(List<T> values) {
            List<T> out = new ArrayList<>();
            for (int i = 1 + rnd.nextInt(3); i > 0; i--) out.add(pick(values));
            return out;
        }
    }

    // ---------------------------------------------------------------- helpers

    protected static MemoryRecord record(Tenant tenant, UUID id, Scope scope, String text, Instant createdAt) {
        return new MemoryRecord(id, scope.inTenant(tenant), text, null, null, "user", Map.of(), List.of(), createdAt, createdAt,
                null, null, false, MemoryState.ACTIVE, null, List.of(), null);
    }

    protected static MemoryRecord inTenant(MemoryRecord r, Tenant tenant) {
        return new MemoryRecord(r.id(), r.scope().inTenant(tenant), r.text(), r.hash(), r.actor(), r.role(), r.metadata(),
                r.categories(), r.createdAt(), r.updatedAt(), r.eventTime(), r.expirationDate(), r.immutable(), r.state(),
                r.replacedBy(), r.sources(), r.slot());
    }

    /** {@code n} entries of one user with distinct texts ("amber birch cobalt …" rotations) and spread vectors. */
    protected static List<IndexEntry> entries(Tenant tenant, int n, String userId) {
        List<IndexEntry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String text = VOCABULARY.get(i % VOCABULARY.size()) + " " + VOCABULARY.get((i + 1) % VOCABULARY.size());
            float[] v = unit(i % DIMENSION);
            v[(i + 3) % DIMENSION] += 0.1f * (i / DIMENSION + 1);
            out.add(new IndexEntry(record(tenant, UUID.randomUUID(), Scope.user(userId), text, T0.plusSeconds(i)), v));
        }
        return out;
    }

    protected static Filter contains(Field field, String value) {
        return new Filter.Compare(field, Op.CONTAINS, value);
    }

    protected static float[] vec(float... values) {
        return values;
    }

    protected static float[] unit(int axis) {
        float[] v = new float[DIMENSION];
        v[axis] = 1;
        return v;
    }

    protected static float[] randomVector(Random rnd) {
        float[] v = new float[DIMENSION];
        for (int i = 0; i < v.length; i++) v[i] = (float) rnd.nextGaussian();
        return v;
    }

    protected static float[] jitter(float[] base, Random rnd, float amount) {
        float[] v = base.clone();
        for (int i = 0; i < v.length; i++) v[i] += (float) (rnd.nextGaussian() * amount);
        return v;
    }

    protected static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    private static Map<UUID, float[]> vectorsById(List<IndexEntry> entries) {
        Map<UUID, float[]> out = new LinkedHashMap<>();
        for (IndexEntry e : entries) out.put(e.record().id(), e.vector());
        return out;
    }
}
