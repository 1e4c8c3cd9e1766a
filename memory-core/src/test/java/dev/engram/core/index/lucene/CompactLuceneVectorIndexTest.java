package dev.engram.core.index.lucene;

import dev.engram.core.domain.Field;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.Tenant;
import dev.engram.core.spi.IndexEntry;
import dev.engram.core.spi.IndexHit;
import dev.engram.core.spi.IndexQuery;
import dev.engram.core.spi.Vectors;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The INT8_COMPACT layout: bilingual-shaped vectors (one half filled) land in one 8-bit field per half and are found as
 * exact search finds them; an index an earlier version wrote with float vectors (format 1) is still searched with its
 * floats after the upgrade, and keeps its format.
 */
class CompactLuceneVectorIndexTest {

    private static final Tenant TENANT = Tenant.of("org-a", "project");
    private static final Tenant OTHER = Tenant.of("org-b", "project");
    private static final Instant T = Instant.parse("2025-06-01T08:00:00Z");
    private static final int ZH = 512;
    private static final int EN = 384;
    private static final int MEMORIES = 1600;

    @TempDir
    Path dir;

    @Test
    void keepsTheNonZeroHalfOfABilingualVectorAndADenseVectorWhole() {
        float[] zh = new float[ZH + EN];
        zh[0] = 1;
        zh[ZH - 1] = 1;
        float[] en = new float[ZH + EN];
        en[ZH] = 1;
        en[ZH + EN - 1] = -2;
        float[] dense = new float[ZH + EN];
        dense[3] = 1;
        dense[ZH + EN - 1] = 1;
        assertThat(CompactVectors.span(zh)).isEqualTo(new CompactVectors.Span(0, ZH));
        assertThat(CompactVectors.span(en)).isEqualTo(new CompactVectors.Span(ZH, ZH + EN));
        assertThat(CompactVectors.span(dense)).isEqualTo(new CompactVectors.Span(0, ZH + EN));
        byte[] q = CompactVectors.quantize(en, CompactVectors.span(en)).bytes();
        assertThat(q).hasSize(EN);
        assertThat(q[0]).isEqualTo((byte) 64); // 1 / 2 of the largest magnitude, rounded
        assertThat(q[EN - 1]).isEqualTo((byte) -127);
    }

    @Test
    void keepsTheLargestComponentsExactAndScalesTheRestByTheFifthLargest() {
        Random rnd = new Random(1);
        float[] v = new float[ZH + EN];
        for (int i = ZH; i < ZH + EN; i++) v[i] = (float) (0.03 * rnd.nextGaussian());
        v[ZH + 99] = 0.47f; // an outlier dimension, as bge-small-en has
        v[ZH + 5] = -0.3f;
        CompactVectors.Quantized q = CompactVectors.quantize(v, CompactVectors.span(v));
        assertThat(q.outlierAt()).hasSize(CompactVectors.OUTLIERS).contains((short) 99, (short) 5);
        assertThat(q.outliers()).contains(0.47f, -0.3f);
        assertThat(q.bytes()[99]).isEqualTo((byte) 127);
        assertThat(q.bytes()[5]).isEqualTo((byte) -127);
        float[] query = bilingualQuery(rnd);
        try (LuceneVectorIndex index = LuceneVectorIndex.inMemory(ZH + EN)) {
            index.upsert(TENANT, List.of(entry(TENANT, "u1", v)));
            assertThat(index.search(TENANT, new IndexQuery(query, null, Filter.ALL, 1, false)).getFirst().semantic())
                    .isCloseTo(Vectors.cosine(query, v), within(5e-4));
        }
    }

    @Test
    void graphAndExhaustivePathsFindTheExactTopTenOfBilingualVectorsWithNearCosines() throws IOException {
        Random rnd = new Random(11);
        // Enough English memories that the English span's field is searched through its graph (over the exact search limit);
        // the Chinese span and one user's memories are under it, so they are searched exhaustively.
        List<IndexEntry> entries = new ArrayList<>();
        assertThat(MEMORIES * 2 / 3).isGreaterThan(LuceneIndexOptions.DEFAULT_EXACT_SEARCH_LIMIT);
        assertThat(MEMORIES / 4).isLessThan(LuceneIndexOptions.DEFAULT_EXACT_SEARCH_LIMIT);
        for (int i = 0; i < MEMORIES; i++) entries.add(entry(TENANT, "u" + (i % 4), bilingualDocument(rnd, i % 3 == 0)));
        for (int i = 0; i < 100; i++) entries.add(entry(OTHER, "u0", bilingualDocument(rnd, false)));
        try (LuceneVectorIndex index = LuceneVectorIndex.open(dir, ZH + EN, "bilingual")) {
            index.upsert(TENANT, entries.subList(0, MEMORIES));
            index.upsert(OTHER, entries.subList(MEMORIES, MEMORIES + 100));
            int found = 0;
            for (int q = 0; q < 20; q++) {
                float[] query = bilingualQuery(rnd);
                List<IndexHit> hits = index.search(TENANT, new IndexQuery(query, null, Filter.ALL, 10, false));
                List<IndexEntry> exact = entries.subList(0, MEMORIES).stream()
                        .sorted(Comparator.comparingDouble((IndexEntry e) -> -Vectors.cosine(query, e.vector()))).limit(10).toList();
                double tenth = Vectors.cosine(query, exact.getLast().vector());
                assertThat(hits).hasSize(10);
                for (IndexHit hit : hits) {
                    float[] v = entries.stream().filter(e -> e.record().id().equals(hit.id())).findFirst().orElseThrow().vector();
                    assertThat(hit.semantic()).isCloseTo(Vectors.cosine(query, v), within(0.005));
                    // a miss may only be a near tie at the boundary, within the rounding of the 8-bit vectors
                    assertThat(Vectors.cosine(query, v)).isGreaterThan(tenth - 0.005);
                    if (exact.stream().anyMatch(e -> e.record().id().equals(hit.id()))) found++;
                }
                List<IndexHit> scoped = index.search(TENANT, new IndexQuery(query, null, Filter.eq(Field.USER_ID, "u1"), 10, false));
                assertThat(scoped).hasSize(10).allSatisfy(h -> assertThat(entries.subList(0, MEMORIES).stream()
                        .filter(e -> e.record().id().equals(h.id())).findFirst().orElseThrow().record().scope().userId()).isEqualTo("u1"));
            }
            assertThat(found / 200.0).as("recall@10 against exact search").isGreaterThanOrEqualTo(0.95);
        }
        assertThat(vectorFields()).containsExactly("_v8:0-512", "_v8:512-896");
        assertThat(formatOf()).isEqualTo(LuceneVectorIndex.COMPACT_FORMAT);
    }

    @Test
    void anIndexWrittenWithFloatsByAnEarlierVersionIsSearchedWithItsFloatsAfterTheUpgrade() throws IOException {
        Random rnd = new Random(5);
        List<IndexEntry> entries = new ArrayList<>();
        for (int i = 0; i < 60; i++) entries.add(entry(TENANT, "u1", bilingualDocument(rnd, i % 2 == 0)));
        // What versions before INT8_COMPACT wrote: float vectors in "_vector", index format 1.
        try (LuceneVectorIndex old = LuceneVectorIndex.open(dir, ZH + EN, "bilingual", VectorEncoding.FLOAT32)) {
            old.upsert(TENANT, entries.subList(0, 40));
        }
        assertThat(formatOf()).isEqualTo(LuceneVectorIndex.FLOAT_FORMAT);

        try (LuceneVectorIndex upgraded = LuceneVectorIndex.open(dir, ZH + EN, "bilingual")) { // the default encoding
            upgraded.upsert(TENANT, entries.subList(40, 60));
            for (int i : new int[]{0, 7, 39, 45, 59}) {
                float[] query = entries.get(i).vector();
                List<IndexHit> hits = upgraded.search(TENANT, new IndexQuery(query, null, Filter.ALL, 3, false));
                assertThat(hits.getFirst().id()).isEqualTo(entries.get(i).record().id());
                assertThat(hits.getFirst().semantic()).isCloseTo(1.0, within(1e-5)); // floats: exact cosines
            }
            assertThat(upgraded.search(OTHER, new IndexQuery(entries.get(0).vector(), null, Filter.ALL, 3, false))).isEmpty();
        }
        assertThat(formatOf()).isEqualTo(LuceneVectorIndex.FLOAT_FORMAT);
        assertThat(vectorFields()).containsExactly(LuceneFields.VECTOR);
    }

    @Test
    void aCompactIndexStaysCompactWhenAFloatEncodingIsConfigured() throws IOException {
        Random rnd = new Random(9);
        List<IndexEntry> entries = List.of(entry(TENANT, "u1", bilingualDocument(rnd, true)), entry(TENANT, "u1", bilingualDocument(rnd, false)));
        try (LuceneVectorIndex compact = LuceneVectorIndex.open(dir, ZH + EN, "bilingual")) {
            compact.upsert(TENANT, entries.subList(0, 1));
        }
        try (LuceneVectorIndex reopened = LuceneVectorIndex.open(dir, ZH + EN, "bilingual", VectorEncoding.INT7)) {
            reopened.upsert(TENANT, entries.subList(1, 2));
            for (IndexEntry e : entries) {
                assertThat(reopened.search(TENANT, new IndexQuery(e.vector(), null, Filter.ALL, 1, false)))
                        .extracting(IndexHit::id).containsExactly(e.record().id());
            }
        }
        assertThat(formatOf()).isEqualTo(LuceneVectorIndex.COMPACT_FORMAT);
        assertThat(vectorFields()).containsExactly("_v8:0-512", "_v8:512-896");
    }

    @Test
    void keywordOnlyHitsGetTheirCosineFromThe8BitVector() {
        Random rnd = new Random(3);
        float[] stored = bilingualDocument(rnd, false);
        IndexEntry e = new IndexEntry(record(TENANT, "u1", "the user adopted a cat named Miso"), stored);
        List<IndexEntry> others = new ArrayList<>();
        for (int i = 0; i < 30; i++) others.add(entry(TENANT, "u1", bilingualDocument(rnd, false)));
        try (LuceneVectorIndex index = LuceneVectorIndex.inMemory(ZH + EN)) {
            index.upsert(TENANT, List.of(e));
            index.upsert(TENANT, others);
            float[] query = bilingualQuery(rnd);
            List<IndexHit> hits = index.search(TENANT, new IndexQuery(query, "Miso", Filter.ALL, 1, true));
            assertThat(hits).anySatisfy(h -> {
                assertThat(h.id()).isEqualTo(e.record().id());
                assertThat(h.keyword()).isPositive();
                assertThat(h.semantic()).isCloseTo(Vectors.cosine(query, stored), within(0.005));
            });
        }
    }

    private String formatOf() throws IOException {
        try (var d = FSDirectory.open(dir)) {
            return SegmentInfos.readLatestCommit(d).getUserData().get(LuceneVectorIndex.FORMAT_KEY);
        }
    }

    private Set<String> vectorFields() throws IOException {
        Set<String> names = new TreeSet<>();
        try (var d = FSDirectory.open(dir); DirectoryReader reader = DirectoryReader.open(d)) {
            for (LeafReaderContext leaf : reader.leaves()) {
                for (FieldInfo info : leaf.reader().getFieldInfos()) if (info.getVectorDimension() > 0) names.add(info.name);
            }
        }
        return names;
    }

    /** One language's half filled (correlated around a shared direction, as embeddings are), the other zero. */
    private static float[] bilingualDocument(Random rnd, boolean chinese) {
        float[] v = new float[ZH + EN];
        int from = chinese ? 0 : ZH;
        int to = chinese ? ZH : ZH + EN;
        for (int i = from; i < to; i++) v[i] = (float) (0.3 + rnd.nextGaussian());
        return v;
    }

    /** Both halves filled, as the bilingual query embedding is. */
    private static float[] bilingualQuery(Random rnd) {
        float[] v = new float[ZH + EN];
        for (int i = 0; i < v.length; i++) v[i] = (float) (0.3 + rnd.nextGaussian());
        return v;
    }

    private static IndexEntry entry(Tenant tenant, String user, float[] vector) {
        return new IndexEntry(record(tenant, user, "memory"), vector);
    }

    private static MemoryRecord record(Tenant tenant, String user, String text) {
        return new MemoryRecord(UUID.randomUUID(), Scope.user(user).inTenant(tenant), text, null, null,
                null, Map.of(), List.of(), T, T, null, null, false, MemoryState.ACTIVE, null, List.of(), null);
    }
}
