package dev.engram.bench.http;

import dev.engram.bench.search.LatencyStats;
import dev.engram.bench.search.SyntheticCorpus;
import dev.engram.core.domain.Filter;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.Tenant;
import dev.engram.core.engine.BundledEmbedding;
import dev.engram.core.engine.Embedder;
import dev.engram.core.filter.FilterEvaluator;
import dev.engram.core.filter.Filters;
import dev.engram.core.index.lucene.LuceneVectorIndex;
import dev.engram.core.index.lucene.VectorEncoding;
import dev.engram.core.index.qdrant.QdrantSettings;
import dev.engram.core.index.qdrant.QdrantVectorIndex;
import dev.engram.core.spi.VectorIndex;
import dev.engram.core.spi.IndexQuery;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The floor of a search, measured in this JVM with the platform stopped: the query embedding alone (the bundled model
 * the index records, as the gateway loads it) and the raw index lookup alone (the platform's own index directory
 * opened through {@link LuceneVectorIndex}, the class the gateway searches with: the engine's two index searches,
 * facts and evidence, each hybrid kNN + BM25 under the tenant, user, state and expiry filters, with its candidates).
 * The gateway's Micrometer timers cover a whole engine search only, so these two parts cannot be read from it.
 */
final class Floor {

    /** Latencies of the two parts, and the model and encoding they ran with. */
    record Result(String embedder, String encoding, LatencyStats embedding, LatencyStats index) {
    }

    private Floor() {
    }

    static Result measure(Path indexDir, List<SyntheticCorpus.Query> queries, int warmup, int topK) {
        String name = LuceneVectorIndex.recordedEmbedder(indexDir)
                .orElseThrow(() -> new IllegalStateException("no index in " + indexDir));
        BundledEmbedding model = BundledEmbedding.named(name)
                .orElseThrow(() -> new IllegalStateException("the index was built by '" + name + "', not a bundled model"));
        Embedder embedder = model.embedder();
        // The gateway's engram.index.lucene-encoding, from the same environment variable (an existing index keeps its format).
        VectorEncoding encoding = VectorEncoding.valueOf(System.getenv().getOrDefault("ENGRAM_INDEX_LUCENE_ENCODING",
                LuceneVectorIndex.DEFAULT_ENCODING.name()));
        try (var index = LuceneVectorIndex.open(indexDir, embedder.dimension(), name, encoding)) {
            return measure(model, embedder, index, encoding.name(), queries, warmup, topK);
        }
    }

    /**
     * The same against a running Qdrant (the distributed platform's index, here its emulator over gRPC), with the model
     * its collection's dimension implies, as the gateway picks it.
     */
    static Result measureQdrant(QdrantSettings qdrant, List<SyntheticCorpus.Query> queries, int warmup, int topK) {
        int dimension = QdrantVectorIndex.existingDimension(qdrant)
                .orElseThrow(() -> new IllegalStateException("no collection " + qdrant.collection() + " in Qdrant at " + qdrant.host()));
        BundledEmbedding model = BundledEmbedding.ofDimension(dimension)
                .orElseThrow(() -> new IllegalStateException("no bundled model has dimension " + dimension));
        Embedder embedder = model.embedder();
        try (var index = QdrantVectorIndex.connect(qdrant, dimension)) {
            return measure(model, embedder, index, "Qdrant (emulator, gRPC)", queries, warmup, topK);
        }
    }

    private static Result measure(BundledEmbedding model, Embedder embedder, VectorIndex index, String encoding,
                                  List<SyntheticCorpus.Query> queries, int warmup, int topK) {
        int candidates = Math.max(model.retrieval().candidates(), topK);
        Filter notExpired = Filters.notExpired(FilterEvaluator.startOfDay(LocalDate.now(ZoneOffset.UTC)));
        var embedding = new LatencyStats(queries.size());
        var lookup = new LatencyStats(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            SyntheticCorpus.Query q = queries.get(i);
            long t0 = System.nanoTime();
            float[] vector = embedder.embedQuery(q.text());
            long t1 = System.nanoTime();
            Filter scope = Filters.forScope(Scope.user(q.userId()));
            Filter facts = Filter.and(scope, Filters.lifecycle(false), notExpired);
            Filter evidence = Filter.and(scope, Filters.evidence(), notExpired);
            long t2 = System.nanoTime();
            index.search(Tenant.DEFAULT, new IndexQuery(vector, q.text(), facts, candidates, true));
            index.search(Tenant.DEFAULT, new IndexQuery(vector, q.text(), evidence, candidates, true));
            long t3 = System.nanoTime();
            if (i >= warmup) {
                embedding.record(t1 - t0);
                lookup.record(t3 - t2);
            }
        }
        return new Result(embedder.name(), encoding, embedding, lookup);
    }
}
