package dev.engram.core.index.lucene;

import dev.engram.core.domain.Filter;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Scope;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The vector index contract on 7-bit quantized vectors: candidates from the quantized graph, rescored with the float
 * vectors. Also: the scores are exact cosines, and an index written as floats stays searchable after switching.
 */
class QuantizedLuceneVectorIndexTest extends AbstractVectorIndexContractTest {

    private static final Instant T = Instant.parse("2025-06-01T08:00:00Z");

    @TempDir
    Path dir;

    @Override
    protected VectorIndex createIndex(int dimension) {
        return LuceneVectorIndex.inMemory(dimension, VectorEncoding.INT7);
    }

    @Test
    void returnsExactCosinesAfterRescoring() {
        List<IndexEntry> entries = randomEntries(300, 64, new Random(7));
        float[] query = entries.get(17).vector();
        try (LuceneVectorIndex index = LuceneVectorIndex.inMemory(64, VectorEncoding.INT7)) {
            index.upsert(TENANT_A, entries);
            List<IndexHit> hits = index.search(TENANT_A, new IndexQuery(query, null, Filter.ALL, 5, false));
            assertThat(hits.getFirst().id()).isEqualTo(entries.get(17).record().id());
            for (IndexHit hit : hits) {
                float[] v = entries.stream().filter(e -> e.record().id().equals(hit.id())).findFirst().orElseThrow().vector();
                assertThat(hit.semantic()).isCloseTo(cosine(query, v), within(1e-5));
            }
        }
    }

    @Test
    void searchesAnIndexWrittenAsFloatsAfterTheSwitch() {
        List<IndexEntry> entries = randomEntries(50, 64, new Random(3));
        try (LuceneVectorIndex floats = LuceneVectorIndex.open(dir, 64, "model", VectorEncoding.FLOAT32)) {
            floats.upsert(TENANT_A, entries.subList(0, 25));
        }
        try (LuceneVectorIndex quantized = LuceneVectorIndex.open(dir, 64, "model", VectorEncoding.INT7)) {
            quantized.upsert(TENANT_A, entries.subList(25, 50));
            for (int i : new int[]{3, 30}) {
                List<IndexHit> hits = quantized.search(TENANT_A, new IndexQuery(entries.get(i).vector(), null, Filter.ALL, 1, false));
                assertThat(hits).extracting(IndexHit::id).containsExactly(entries.get(i).record().id());
            }
        }
    }

    private static List<IndexEntry> randomEntries(int count, int dimension, Random random) {
        List<IndexEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] v = new float[dimension];
            for (int d = 0; d < dimension; d++) v[d] = (float) random.nextGaussian();
            MemoryRecord record = new MemoryRecord(UUID.randomUUID(), Scope.user("u" + (i % 3)).inTenant(TENANT_A), "memory " + i, null, null,
                    null, Map.of(), List.of(), T, T, null, null, false, MemoryState.ACTIVE, null, List.of(), null);
            entries.add(new IndexEntry(record, v));
        }
        return entries;
    }
}
