package dev.engram.bench;

import dev.engram.bench.search.LatencyStats;
import dev.engram.bench.search.SyntheticCorpus;
import dev.engram.core.domain.MemoryRecord;
import dev.engram.core.domain.MemoryState;
import dev.engram.core.domain.Scope;
import dev.engram.core.domain.Tenant;
import dev.engram.core.engine.Embedder;
import dev.engram.core.filter.Filters;
import dev.engram.core.index.lucene.LuceneVectorIndex;
import dev.engram.core.index.lucene.VectorEncoding;
import dev.engram.core.spi.IndexEntry;
import dev.engram.core.spi.IndexHit;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Recall@10 of {@link LuceneVectorIndex} against exact search, and its size on disk, per {@link VectorEncoding}. The
 * memories are the synthetic corpus embedded with the bundled model (real vectors: random ones are the worst case for
 * quantization and not what the index holds); the queries are the corpus's queries, embedded the same way. Each
 * query is searched vector-only (k = 10) twice: over the whole tenant (the HNSW graph) and scoped to its user (the
 * filtered path the engine takes). Exact search is a brute-force cosine over the float vectors, under the same scope.
 * The corpus repeats texts (same vector for several memories), so a hit counts as found when its cosine reaches the
 * exact 10th cosine (ties at the boundary are equally right), not by id.
 *
 * <pre>
 *   --memories N       memories (default 10000)
 *   --queries Q        queries (default 500)
 *   --users U          users (default N/100)
 *   --encodings LIST   comma-separated VectorEncoding names (default FLOAT32,INT8,INT7,INT4,BIT)
 *   --dir PATH         work directory (default target/index-recall); emptied first
 * </pre>
 */
public final class IndexRecallBenchmark {

    private static final Set<String> OPTIONS = Set.of("memories", "queries", "users", "encodings", "dir");
    private static final int K = ExactRecall.K;
    private static final int EMBED_BATCH = 64;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private IndexRecallBenchmark() {
    }

    private record Result(VectorEncoding encoding, double recallTenant, double recallUser, long bytes, double buildSeconds,
                          LatencyStats tenantLatency, LatencyStats userLatency) {
    }

    public static void main(String[] args) {
        CommandLine cli;
        try {
            cli = CommandLine.parse(args, OPTIONS);
        } catch (IllegalArgumentException e) {
            System.err.println("index-recall: " + e.getMessage());
            System.exit(2);
            return;
        }
        int memories = cli.intValue("memories", 10_000);
        int queries = cli.intValue("queries", 500);
        int users = cli.intValue("users", Math.max(1, memories / 100));
        Path dir = Path.of(cli.get("dir", "target/index-recall"));
        List<VectorEncoding> encodings = Stream.of(cli.get("encodings", "FLOAT32,INT8,INT7,INT4,BIT").split(","))
                .map(s -> VectorEncoding.valueOf(s.strip().toUpperCase(Locale.ROOT))).toList();

        EmbeddingModel model = new BgeSmallZhV15QuantizedEmbeddingModel();
        var corpus = new SyntheticCorpus(42, users);
        List<MemoryRecord> records = new ArrayList<>(memories);
        List<String> texts = new ArrayList<>(memories);
        for (int i = 0; i < memories; i++) {
            SyntheticCorpus.Item item = corpus.item(i);
            texts.add(item.text());
            records.add(new MemoryRecord(new UUID(0, i), Scope.user(item.userId()), item.text(), null, null, null, Map.of(), List.of(),
                    T0, T0, null, null, false, MemoryState.ACTIVE, null, List.of(), null));
        }
        long embedStart = System.nanoTime();
        float[][] vectors = embed(model, texts);
        System.err.printf(Locale.ROOT, "index-recall: embedded %d memories in %.1f s%n", memories, (System.nanoTime() - embedStart) / 1e9);
        List<SyntheticCorpus.Query> qs = new ArrayList<>(queries);
        for (int i = 0; i < queries; i++) qs.add(corpus.query(i));
        float[][] queryVectors = embed(model, qs.stream().map(SyntheticCorpus.Query::text).toList());

        List<Double> exactTenant = new ArrayList<>();
        List<Double> exactUser = new ArrayList<>();
        for (int q = 0; q < queries; q++) {
            String user = qs.get(q).userId();
            exactTenant.add(ExactRecall.kthCosine(vectors, queryVectors[q], i -> true));
            exactUser.add(ExactRecall.kthCosine(vectors, queryVectors[q], i -> records.get(i).scope().userId().equals(user)));
        }

        List<Result> results = new ArrayList<>();
        for (VectorEncoding encoding : encodings) {
            Path indexDir = dir.resolve(encoding.name().toLowerCase(Locale.ROOT));
            BenchFiles.deleteRecursively(indexDir);
            long start = System.nanoTime();
            try (LuceneVectorIndex index = LuceneVectorIndex.open(indexDir, model.dimension(), Embedder.DEFAULT_MODEL_NAME, encoding)) {
                List<IndexEntry> batch = new ArrayList<>();
                for (int i = 0; i < memories; i++) {
                    batch.add(new IndexEntry(records.get(i), vectors[i]));
                    if (batch.size() == 500 || i == memories - 1) {
                        index.upsert(Tenant.DEFAULT, batch);
                        batch = new ArrayList<>();
                    }
                }
            }
            double buildSeconds = (System.nanoTime() - start) / 1e9;
            long bytes = ExactRecall.directorySize(indexDir);
            try (LuceneVectorIndex index = LuceneVectorIndex.open(indexDir, model.dimension(), Embedder.DEFAULT_MODEL_NAME, encoding)) {
                for (int q = 0; q < Math.min(100, queries); q++) ExactRecall.search(index, queryVectors[q], null); // warm-up
                var tenantLatency = new LatencyStats(queries);
                var userLatency = new LatencyStats(queries);
                double tenantHits = 0;
                double userHits = 0;
                for (int q = 0; q < queries; q++) {
                    long t = System.nanoTime();
                    List<IndexHit> hits = ExactRecall.search(index, queryVectors[q], null);
                    tenantLatency.record(System.nanoTime() - t);
                    tenantHits += ExactRecall.found(hits, vectors, queryVectors[q], exactTenant.get(q));
                    t = System.nanoTime();
                    hits = ExactRecall.search(index, queryVectors[q], Filters.forScope(Scope.user(qs.get(q).userId())));
                    userLatency.record(System.nanoTime() - t);
                    userHits += ExactRecall.found(hits, vectors, queryVectors[q], exactUser.get(q));
                }
                results.add(new Result(encoding, tenantHits / ((double) K * queries), userHits / ((double) K * queries), bytes, buildSeconds,
                        tenantLatency, userLatency));
            }
            System.err.printf(Locale.ROOT, "index-recall: %s done%n", encoding);
        }
        System.out.println(report(results, memories, users, queries));
    }

    private static float[][] embed(EmbeddingModel model, List<String> texts) {
        float[][] out = new float[texts.size()][];
        for (int from = 0; from < texts.size(); from += EMBED_BATCH) {
            List<String> part = texts.subList(from, Math.min(texts.size(), from + EMBED_BATCH));
            var embeddings = model.embedAll(part.stream().map(TextSegment::from).toList()).content();
            for (int i = 0; i < part.size(); i++) out[from + i] = ExactRecall.normalized(embeddings.get(i).vector());
        }
        return out;
    }

    private static String report(List<Result> results, int memories, int users, int queries) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "%d memories, %d users, %d queries, k = %d, vector-only%n%n", memories, users, queries, K));
        out.append("| encoding | recall@10, whole tenant | recall@10, one user | index bytes per memory | search p50 / p95, tenant | search p50 / p95, user | build |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.0f B | %.2f / %.2f ms | %.2f / %.2f ms | %.1f s |%n", r.encoding(),
                    r.recallTenant(), r.recallUser(), (double) r.bytes() / memories, r.tenantLatency().percentileMs(50),
                    r.tenantLatency().percentileMs(95), r.userLatency().percentileMs(50), r.userLatency().percentileMs(95),
                    r.buildSeconds()));
        }
        return out.toString();
    }

}
