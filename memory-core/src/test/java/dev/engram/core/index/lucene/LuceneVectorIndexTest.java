package dev.engram.core.index.lucene;

import dev.engram.core.domain.Field;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.Op;
import dev.engram.core.domain.Scope;
import dev.engram.core.error.ConfigurationException;
import dev.engram.core.filter.FilterEvaluator;
import dev.engram.core.spi.AbstractVectorIndexContractTest;
import dev.engram.core.spi.IndexEntry;
import dev.engram.core.spi.IndexHit;
import dev.engram.core.spi.IndexQuery;
import dev.engram.core.spi.VectorIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LuceneVectorIndexTest extends AbstractVectorIndexContractTest {

    private static final Instant T = Instant.parse("2025-06-01T08:00:00Z");

    @TempDir
    Path dir;

    @Override
    protected VectorIndex createIndex(int dimension) {
        return LuceneVectorIndex.inMemory(dimension);
    }

    /** The default encoding keeps 8-bit vectors: a score is the cosine up to their rounding (about 0.004 at 8 dimensions). */
    @Override
    protected double semanticTolerance() {
        return 0.01;
    }

    @Test
    void persistsAcrossCloseAndReopen() {
        List<IndexEntry> entries = entries(TENANT_A, 4, "u1");
        try (LuceneVectorIndex first = LuceneVectorIndex.open(dir, DIMENSION, "bge-small-zh")) {
            first.upsert(TENANT_A, entries);
            first.delete(TENANT_A, List.of(entries.get(3).record().id()));
        }
        try (LuceneVectorIndex reopened = LuceneVectorIndex.open(dir, DIMENSION, "bge-small-zh")) {
            assertThat(reopened.count(TENANT_A, Filter.ALL)).isEqualTo(3);
            assertThat(reopened.list(TENANT_A, Filter.ALL, 0, 10).ids()).containsExactly(
                    entries.get(2).record().id(), entries.get(1).record().id(), entries.get(0).record().id());
            List<IndexHit> hits = reopened.search(TENANT_A, new IndexQuery(entries.get(1).vector(), "birch", Filter.ALL, 1, true));
            assertThat(hits).extracting(IndexHit::id).contains(entries.get(1).record().id());
            reopened.upsert(TENANT_A, List.of(entries.get(3)));
            assertThat(reopened.count(TENANT_A, Filter.ALL)).isEqualTo(4);
        }
    }

    @Test
    void appliedWritesAreVisibleOnceRefreshedAndConcurrentWritersEachSeeTheirOwn() throws Exception {
        try (LuceneVectorIndex index = LuceneVectorIndex.inMemory(DIMENSION)) {
            IndexEntry first = entries(TENANT_A, 1, "u1").get(0);
            index.apply(TENANT_A, List.of(first), List.of());
            assertThat(index.count(TENANT_A, Filter.ALL)).as("applied, not yet refreshed").isZero();
            index.refresh();
            assertThat(index.count(TENANT_A, Filter.ALL)).isEqualTo(1);

            List<IndexEntry> many = entries(TENANT_A, 80, "u2");
            List<String> unseen = java.util.Collections.synchronizedList(new ArrayList<>());
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int from = t * 10;
                writers.add(Thread.ofPlatform().start(() -> {
                    for (IndexEntry e : many.subList(from, from + 10)) {
                        index.apply(TENANT_A, List.of(e), List.of());
                        index.refresh();
                        if (index.count(TENANT_A, Filter.eq(Field.MEMORY_ID, e.record().id().toString())) != 1) unseen.add(e.record().id().toString());
                    }
                }));
            }
            for (Thread w : writers) w.join();
            assertThat(unseen).as("entries not visible after their writer's refresh").isEmpty();
            assertThat(index.count(TENANT_A, Filter.ALL)).isEqualTo(81);

            index.apply(TENANT_A, List.of(), List.of(first.record().id()));
            index.refresh();
            assertThat(index.count(TENANT_A, Filter.ALL)).isEqualTo(80);
        }
    }

    @Test
    void aCleanCloseLeavesNothingToRecover() {
        try (LuceneVectorIndex first = LuceneVectorIndex.open(dir, DIMENSION, "bge-small-zh")) {
            assertThat(first.recoveryPoint()).isEmpty();
            first.upsert(TENANT_A, entries(TENANT_A, 2, "u1"));
        }
        try (LuceneVectorIndex reopened = LuceneVectorIndex.open(dir, DIMENSION, "bge-small-zh")) {
            assertThat(reopened.recoveryPoint()).isEmpty();
            assertThat(reopened.count(TENANT_A, Filter.ALL)).isEqualTo(2);
        }
    }

    @Test
    void reopeningWithAnotherDimensionOrEmbedderSaysWhatToDo() {
        LuceneVectorIndex.open(dir, DIMENSION, "bge-small-zh").close();

        assertThatThrownBy(() -> LuceneVectorIndex.open(dir, 1536, "bge-small-zh"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'bge-small-zh' (dimension 8)")
                .hasMessageContaining("(dimension 1536)")
                .hasMessageContaining("reindex");
        assertThatThrownBy(() -> LuceneVectorIndex.open(dir, DIMENSION, "text-embedding-3-small"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("built with embedder 'bge-small-zh'")
                .hasMessageContaining("configured with embedder 'text-embedding-3-small'")
                .hasMessageContaining("configure embedder 'bge-small-zh' again");
        // The failed attempts released the directory: the matching configuration still opens it.
        LuceneVectorIndex.open(dir, DIMENSION, "bge-small-zh").close();
    }

    @Test
    void aSecondProcessOnTheSameDirectoryIsAConfigurationError() {
        try (LuceneVectorIndex ignored = LuceneVectorIndex.open(dir, DIMENSION, "e")) {
            assertThatThrownBy(() -> LuceneVectorIndex.open(dir, DIMENSION, "e"))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("in use");
        }
    }

    @Test
    void refusesADirectoryHoldingAnIndexEngramDidNotCreate() throws Exception {
        try (var foreign = new org.apache.lucene.index.IndexWriter(org.apache.lucene.store.FSDirectory.open(dir),
                new org.apache.lucene.index.IndexWriterConfig())) {
            foreign.commit();
        }
        assertThatThrownBy(() -> LuceneVectorIndex.open(dir, DIMENSION, "e"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("did not create");
    }

    @Test
    void concurrentWritersAndReadersSeeAConsistentIndex() throws Exception {
        int writers = 3;
        int perWriter = 20;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(writers + 2);
        try {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String user = "writer" + w;
                futures.add(pool.submit(() -> {
                    for (IndexEntry e : entries(TENANT_A, perWriter, user)) {
                        index.upsert(TENANT_A, List.of(e));
                        assertThat(index.count(TENANT_A, Filter.eq(Field.MEMORY_ID, e.record().id().toString()))).isEqualTo(1);
                    }
                }));
            }
            for (int r = 0; r < 2; r++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        long before = index.count(TENANT_A, Filter.ALL);
                        List<IndexHit> hits = index.search(TENANT_A, new IndexQuery(unit(0), "amber", Filter.ALL, 5, true));
                        assertThat(hits.size()).isLessThanOrEqualTo(10);
                        assertThat(index.count(TENANT_A, Filter.ALL)).isGreaterThanOrEqualTo(before);
                    }
                }));
            }
            for (var f : futures) f.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(index.count(TENANT_A, Filter.ALL)).isEqualTo((long) writers * perWriter);
        assertThat(index.list(TENANT_A, Filter.ALL, 0, 1000).ids()).doesNotHaveDuplicates().hasSize(writers * perWriter);
    }

    @Test
    void containsIsATrueSubstringMatch() {
        UUID ts = put("用户偏好使用React和TypeScript开发", List.of("Frontend"), Map.of("note", "uses a*b?c\\d daily"));
        UUID other = put("likes hiking", List.of("outdoor"), Map.of());

        assertThat(idsOf(contains(Field.TEXT, "Script"))).containsExactly(ts);
        assertThat(idsOf(contains(Field.TEXT, "script"))).isEmpty();
        assertThat(idsOf(new Filter.Compare(Field.TEXT, Op.ICONTAINS, "SCRIPT"))).containsExactly(ts);
        assertThat(idsOf(contains(Field.TEXT, "偏好使"))).containsExactly(ts);
        assertThat(idsOf(contains(Field.TEXT, "hik"))).containsExactly(other);
        assertThat(idsOf(contains(Field.TEXT, "s h"))).containsExactly(other);
        assertThat(idsOf(contains(Field.CATEGORIES, "tend"))).containsExactly(ts);
        assertThat(idsOf(contains(Field.CATEGORIES, "FRONT"))).containsExactly(ts);
        assertThat(idsOf(contains(Field.metadata("note"), "a*b?c\\d"))).containsExactly(ts);
        assertThat(idsOf(contains(Field.metadata("note"), "a*c"))).isEmpty();
        assertThat(idsOf(contains(Field.metadata("note"), "?"))).containsExactly(ts);
        assertThat(idsOf(new Filter.Compare(Field.TEXT, Op.NE, "likes hiking"))).containsExactly(ts);
    }

    @Test
    void longTextsMatchSubstringsAcrossChunkBoundariesAndExactly() {
        StringBuilder sb = new StringBuilder();
        Random rnd = new Random(1);
        while (sb.length() < 3 * LuceneFields.MAX_EXACT_CHARS) sb.append((char) ('a' + rnd.nextInt(26)));
        String longText = sb.toString();
        UUID id = put(longText, List.of(), Map.of("blob", longText));
        put("short", List.of(), Map.of());

        int boundary = LuceneFields.MAX_EXACT_CHARS;
        String acrossBoundary = longText.substring(boundary - 700, boundary + 700);
        assertThat(idsOf(contains(Field.TEXT, acrossBoundary))).containsExactly(id);
        assertThat(idsOf(new Filter.Compare(Field.TEXT, Op.ICONTAINS, acrossBoundary.toUpperCase()))).containsExactly(id);
        assertThat(idsOf(contains(Field.metadata("blob"), longText.substring(2 * boundary - 1000, 2 * boundary + 900)))).containsExactly(id);
        assertThat(idsOf(Filter.eq(Field.TEXT, longText))).containsExactly(id);
        assertThat(idsOf(Filter.eq(Field.metadata("blob"), longText))).containsExactly(id);
        assertThat(idsOf(Filter.eq(Field.TEXT, longText.substring(1)))).isEmpty();
        assertThat(idsOf(contains(Field.TEXT, acrossBoundary + "!"))).isEmpty();
    }

    @Test
    void chineseAndEnglishQueriesHitTheSameMemoryByBm25() {
        UUID target = put("用户偏好使用React和TypeScript开发", List.of(), Map.of(), unit(7));
        UUID distractor = put("The user goes hiking on weekends", List.of(), Map.of(), unit(6));
        float[] query = unit(0); // orthogonal to both: only the keyword side can find them

        for (String text : List.of("前端开发", "typescript", "TypeScript projects", "React")) {
            List<IndexHit> hits = index.search(TENANT_A, new IndexQuery(query, text, Filter.ALL, 1, true));
            assertThat(hits).as(text).anySatisfy(h -> {
                assertThat(h.id()).isEqualTo(target);
                assertThat(h.keyword()).isPositive();
                assertThat(h.semantic()).isCloseTo(0.0, within(1e-6));
            });
            assertThat(hits).as(text).noneSatisfy(h -> {
                assertThat(h.id()).isEqualTo(distractor);
                assertThat(h.keyword()).isPositive();
            });
        }
        List<IndexHit> english = index.search(TENANT_A, new IndexQuery(query, "hike on the weekend", Filter.ALL, 1, true));
        assertThat(english).anySatisfy(h -> {
            assertThat(h.id()).isEqualTo(distractor);
            assertThat(h.keyword()).isPositive();
        });
    }

    @Test
    void timesKeepMicrosecondPrecision() {
        Instant micros = Instant.parse("2025-06-01T08:00:00.123456Z");
        UUID id = index(record(TENANT_A, UUID.randomUUID(), Scope.user("u1"), "x", micros));
        Instant sameMillis = Instant.parse("2025-06-01T08:00:00.123Z");

        assertThat(idsOf(new Filter.Compare(Field.CREATED_AT, Op.GT, sameMillis))).containsExactly(id);
        assertThat(idsOf(new Filter.Compare(Field.CREATED_AT, Op.EQ, micros))).containsExactly(id);
        assertThat(idsOf(new Filter.Compare(Field.CREATED_AT, Op.GT, micros))).isEmpty();
        assertThat(idsOf(new Filter.Compare(Field.CREATED_AT, Op.LTE, micros))).containsExactly(id);
        assertThat(idsOf(new Filter.Compare(Field.CREATED_AT, Op.LT, micros.plusNanos(1)))).containsExactly(id);
        assertThat(idsOf(new Filter.Compare(Field.CREATED_AT, Op.GTE, micros.plusNanos(1)))).isEmpty();
        assertThat(idsOf(new Filter.Compare(Field.CREATED_AT, Op.EQ, micros.plusNanos(1)))).isEmpty();
        assertThat(idsOf(new Filter.Compare(Field.CREATED_AT, Op.GT, Instant.MIN))).containsExactly(id);
        assertThat(idsOf(new Filter.Compare(Field.CREATED_AT, Op.LT, Instant.MAX))).containsExactly(id);
    }

    @Test
    void metadataEdgeCasesAgreeWithTheEvaluator() {
        List<Map<String, Object>> metadata = new ArrayList<>();
        metadata.add(map("a.b", 1, "a", map("b", 2, "c", map("d", "deep"))));
        metadata.add(map("a", map("b", 2)));
        metadata.add(map("a", "plain", "tags", List.of()));
        metadata.add(map("z", -0.0, "tags", Arrays.asList(null, "x")));
        metadata.add(map("z", 0, "big", 1e300, "n", 9007199254740993L));
        metadata.add(map("list", Arrays.asList(1, "x", true, null, List.of("inner"), map("k", "v")), "flag", "true"));
        metadata.add(map("flag", true, "empty", "", "obj", map()));
        List<MemoryRecord> records = new ArrayList<>();
        for (Map<String, Object> m : metadata) {
            MemoryRecord r = record(TENANT_A, UUID.randomUUID(), Scope.user("u1"), "m", T).withMetadata(m, T);
            records.add(r);
            index(r);
        }
        List<Filter> filters = new ArrayList<>();
        for (String key : List.of("a", "a.b", "a.c", "a.c.d", "a.c.e", "tags", "z", "big", "n", "list", "flag", "empty", "obj", "obj.x")) {
            Field f = Field.metadata(key);
            filters.add(new Filter.Compare(f, Op.EXISTS, null));
            for (Object v : List.of(1.0, 2.0, 0.0, -0.0, 1e300, 9007199254740992.0, "x", "deep", "plain", "true", "", true, "inner", "v")) {
                filters.add(Filter.eq(f, v));
                filters.add(new Filter.Compare(f, Op.NE, v));
                if (v instanceof Double) {
                    for (Op op : List.of(Op.GT, Op.GTE, Op.LT, Op.LTE)) filters.add(new Filter.Compare(f, op, v));
                }
                if (v instanceof String) {
                    filters.add(new Filter.Compare(f, Op.CONTAINS, v));
                    filters.add(new Filter.Compare(f, Op.ICONTAINS, v));
                }
            }
            filters.add(new Filter.Compare(f, Op.IN, List.of("x", 2.0, true)));
            filters.add(new Filter.Compare(f, Op.NIN, List.of("x", 2.0, true)));
        }
        for (Filter filter : filters) {
            List<UUID> expected = records.stream().filter(r -> FilterEvaluator.matches(r, filter)).map(MemoryRecord::id).toList();
            assertThat(idsOf(filter)).as(filter.toString()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void holdsEmbeddingsWiderThanLucenesDefaultLimitAcrossReopen() {
        float[] v = new float[1536];
        v[1000] = 1;
        v[3] = 0.5f;
        UUID id = UUID.randomUUID();
        try (LuceneVectorIndex wide = LuceneVectorIndex.open(dir, 1536, "text-embedding-3-small")) {
            wide.upsert(TENANT_A, List.of(new IndexEntry(record(TENANT_A, id, Scope.user("u1"), "wide", T), v)));
        }
        try (LuceneVectorIndex wide = LuceneVectorIndex.open(dir, 1536, "text-embedding-3-small")) {
            wide.upsert(TENANT_A, List.of(new IndexEntry(record(TENANT_A, UUID.randomUUID(), Scope.user("u1"), "other", T), unitOf(1536, 7))));
            assertThat(wide.search(TENANT_A, new IndexQuery(unitOf(1536, 1000), null, Filter.ALL, 1, false)))
                    .singleElement().satisfies(h -> {
                        assertThat(h.id()).isEqualTo(id);
                        assertThat(h.semantic()).isCloseTo(cosine(unitOf(1536, 1000), v), within(0.005)); // 8-bit vectors
                    });
        }
    }

    private static float[] unitOf(int dimension, int axis) {
        float[] v = new float[dimension];
        v[axis] = 1;
        return v;
    }

    @Test
    void rejectsVectorsOfTheWrongDimensionWithoutWriting() {
        IndexEntry good = entries(TENANT_A, 1, "u1").get(0);
        IndexEntry bad = new IndexEntry(record(TENANT_A, UUID.randomUUID(), Scope.user("u1"), "bad", T), new float[3]);
        assertThatThrownBy(() -> index.upsert(TENANT_A, List.of(good, bad))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension 8");
        assertThat(index.count(TENANT_A, Filter.ALL)).isZero();
        IndexEntry zero = new IndexEntry(record(TENANT_A, UUID.randomUUID(), Scope.user("u1"), "zero", T), new float[DIMENSION]);
        assertThatThrownBy(() -> index.upsert(TENANT_A, List.of(good, zero))).isInstanceOf(IllegalArgumentException.class);
        float[] nan = unit(0);
        nan[1] = Float.NaN;
        IndexEntry notFinite = new IndexEntry(record(TENANT_A, UUID.randomUUID(), Scope.user("u1"), "nan", T), nan);
        assertThatThrownBy(() -> index.upsert(TENANT_A, List.of(good, notFinite))).isInstanceOf(IllegalArgumentException.class);
        assertThat(index.count(TENANT_A, Filter.ALL)).isZero();
        // A later successful write commits only its own entries.
        index.upsert(TENANT_A, List.of(good));
        assertThat(index.count(TENANT_A, Filter.ALL)).isEqualTo(1);
        assertThatThrownBy(() -> index.search(TENANT_A, new IndexQuery(new float[3], null, Filter.ALL, 1, false)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- helpers

    private UUID put(String text, List<String> categories, Map<String, Object> metadata) {
        return put(text, categories, metadata, randomVector(new Random(text.hashCode())));
    }

    private UUID put(String text, List<String> categories, Map<String, Object> metadata, float[] vector) {
        MemoryRecord r = record(TENANT_A, UUID.randomUUID(), Scope.user("u1"), text, T).withCategories(categories).withMetadata(metadata, T);
        index.upsert(TENANT_A, List.of(new IndexEntry(r, vector)));
        return r.id();
    }

    private UUID index(MemoryRecord r) {
        index.upsert(TENANT_A, List.of(new IndexEntry(r, randomVector(new Random(r.id().hashCode())))));
        return r.id();
    }

    private List<UUID> idsOf(Filter filter) {
        return index.list(TENANT_A, filter, 0, 1000).ids();
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
